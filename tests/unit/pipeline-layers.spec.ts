// The pipeline's layering, held by a test: resolve and build are pure (no Pulumi or Kubernetes
// runtime), so they can be unit-tested and reasoned about without an engine.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

const SRC = path.resolve(__dirname, "..", "..", "provider", "src");
const PURE = ["build", "resolve", "lifecycle", "report", "core", "names.ts", "args.ts"];

function files(entry: string): string[] {
    const full = path.join(SRC, entry);
    if (fs.statSync(full).isFile()) return [full];
    return fs.readdirSync(full).flatMap((f) => files(path.join(entry, f)));
}

describe("pipeline layers", () => {
    for (const file of PURE.flatMap(files)) {
        const rel = path.relative(SRC, file);
        it(`${rel} imports no runtime from @pulumi/* or the parse/register layers`, () => {
            const text = fs.readFileSync(file, "utf8");
            const runtimeImports = [...text.matchAll(/^import\s+(?!type\b)[^;]*from\s+"([^"]+)"/gm)].map((m) => m[1]);
            // args.ts declares the public types with pulumi.Input, a type-only use that TypeScript erases.
            const allowed = rel === "args.ts" ? ["@pulumi/pulumi"] : [];
            const offending = runtimeImports.filter((m) => (m.startsWith("@pulumi/") && !allowed.includes(m)) || /\/(parse|register|component)(\/|$)/.test(m));
            assert.deepStrictEqual(offending, []);
        });
    }
});
