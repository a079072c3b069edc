// Golden files: the expected output of a pure function, committed under tests/unit/golden.
// UPDATE_GOLDEN=1 rewrites them; otherwise a difference fails the test with a line diff.
import * as assert from "assert";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";

export const GOLDEN_DIR = path.resolve(__dirname, "..", "unit", "golden");
const updating = () => process.env.UPDATE_GOLDEN === "1";

/** Compares `text` with the golden file `name` (relative to GOLDEN_DIR), or rewrites it when updating. */
export function assertGolden(name: string, text: string): void {
    const file = path.join(GOLDEN_DIR, name);
    if (updating()) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
        return;
    }
    if (!fs.existsSync(file)) assert.fail(`golden file ${path.relative(process.cwd(), file)} is missing: run with UPDATE_GOLDEN=1`);
    const expected = fs.readFileSync(file, "utf8");
    if (expected !== text) assert.fail(`${path.relative(process.cwd(), file)} is stale (UPDATE_GOLDEN=1 rewrites it):\n${lineDiff(expected, text)}`);
}

export function toYaml(value: unknown): string {
    return yaml.dump(value, { noRefs: true, lineWidth: -1, sortKeys: false });
}

/** The first differing lines, enough to see what changed. */
function lineDiff(expected: string, actual: string): string {
    const a = expected.split("\n");
    const b = actual.split("\n");
    const out: string[] = [];
    for (let i = 0; i < Math.max(a.length, b.length) && out.length < 40; i++) {
        if (a[i] !== b[i]) out.push(`  line ${i + 1}:\n    - ${a[i] ?? "<none>"}\n    + ${b[i] ?? "<none>"}`);
    }
    return out.join("\n");
}
