// The schema as the real CLI gets it: `pulumi package get-schema` runs the provider as a plugin
// (PulumiPlugin.yaml, our Node.js language host, @pulumi/pulumi's cmd/run-plugin) and reads the
// schema the ComponentProvider infers from the TypeScript args.
//
// Two goldens, because the two outputs legitimately differ in form:
// - tests/unit/golden/schema.json is ComponentProvider.getSchema() in-process: it keeps the
//   provider's own `optional` marker on every property and empty `required`/`dependencies` lists;
// - sdk/schema.json is what the CLI serves after parsing that into its PackageSpec: `optional` is
//   gone (requiredness lives only in `required`/`requiredInputs`), empty lists are omitted, keys are
//   sorted and `config: {}` is always present. It is the schema the SDKs and docs/ are generated
//   from, written by `npm run gen-sdk`.
// The CLI's output must equal sdk/schema.json byte for byte, and be the in-process golden in the
// CLI's form, so the two cannot drift apart.
// In the integration tier: it needs the built CLI, language host and provider (npm run bootstrap).
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "../../scripts/paths";
import { sdkDir } from "../../scripts/gen-sdk";
import { cliEnv, pulumi, sharedStagedProvider } from "../../scripts/provider-plugin";
import { GOLDEN_DIR } from "../helpers/golden";

/** The in-process schema in the form the CLI's PackageSpec serializes it. */
export function asCliSchema(inProcess: any): any {
    const walk = (v: any): any => {
        if (Array.isArray(v)) return v.map(walk);
        if (v === null || typeof v !== "object") return v;
        const out: Record<string, unknown> = {};
        for (const [k, child] of Object.entries(v)) {
            if (k === "optional" && typeof child === "boolean") continue;
            if (Array.isArray(child) && child.length === 0) continue;
            out[k] = walk(child);
        }
        return out;
    };
    return { config: {}, ...walk(inProcess) };
}

describe("schema from the real CLI (pulumi package get-schema)", function () {
    this.timeout(300_000);
    let cliSchema = "";

    before(function () {
        if (!fs.existsSync(path.join(repoRoot, ".local", "bin", "pulumi"))) {
            throw new Error("the Pulumi CLI is not built: run `npm run bootstrap` (npm test does)");
        }
        const started = Date.now();
        const staged = sharedStagedProvider();
        const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "canary-schema-state-"));
        try {
            cliSchema = pulumi(["package", "get-schema", staged.dir], { cwd: stateDir, env: cliEnv(stateDir) });
        } finally {
            fs.rmSync(stateDir, { recursive: true, force: true });
        }
        process.stderr.write(`      (staged provider + get-schema: ${((Date.now() - started) / 1000).toFixed(1)}s)\n`);
    });

    it("equals the committed sdk/schema.json (npm run gen-sdk rewrites it)", () => {
        const committed = fs.readFileSync(path.join(sdkDir, "schema.json"), "utf8");
        assert.ok(cliSchema === committed,
            "sdk/schema.json is stale: run `npm run gen-sdk` (and `npm run gen-docs`), then commit sdk/ and docs/");
    });

    it("is the in-process golden (tests/unit/golden/schema.json) in the CLI's form", () => {
        const golden = JSON.parse(fs.readFileSync(path.join(GOLDEN_DIR, "schema.json"), "utf8"));
        assert.deepStrictEqual(JSON.parse(cliSchema), asCliSchema(golden));
    });

    it("keeps the component's inputs (none required: one of steps and progression is the parser's rule) and documentation through the CLI", () => {
        const schema = JSON.parse(cliSchema);
        const component = schema.resources["canary-delivery:index:CanaryDelivery"];
        assert.strictEqual(component.requiredInputs, undefined);
        assert.ok(component.inputProperties.steps && component.inputProperties.progression, "steps and progression are inputs");
        assert.match(component.inputProperties.releaseName.description, /Defaults to the component's resource name/);
        assert.ok(component.isComponent);
    });
});
