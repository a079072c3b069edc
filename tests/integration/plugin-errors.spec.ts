// Invalid arguments as a user sees them in the real CLI's output, each problem exactly once:
// - from Pulumi YAML, through the provider plugin: the engine prints the error's message and then a
//   line per property error, so the message only counts the problems;
// - from a TypeScript program on disk (the component in-process, no plugin): the runtime prints the
//   message alone, so it lists them with their property paths.
// (An Automation API inline program prints a program's error twice, whatever the error: the SDK's
// language server both logs it and returns it. Not what a user of the CLI sees, so not tested here.)
// The arguments are refused before anything is registered: no cluster is involved.
import { Stack } from "@pulumi/pulumi/automation";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { localDir } from "../../scripts/paths";
import { cliEnv, runAsync, sharedStagedProvider } from "../../scripts/provider-plugin";
import { openStack } from "../../scripts/pulumi/workspace";
import { usePulumiRun } from "../helpers/pulumi-run";

/** Two problems, and the text each one must show exactly once. */
const BAD = { replicas: -1, steps: [{ weight: 120 }] };
const PROBLEMS = [
    { path: "replicas", reason: "must be at least 0" },
    { path: "steps[0].weight", reason: "must be a percentage from 0 to 100" },
];
const NOWHERE = "/nonexistent/kubeconfig";

const occurrences = (text: string, part: string) => text.split(part).length - 1;

/** What a failed preview printed, stdout and stderr as the CLI wrote them. */
async function failedPreviewOutput(stack: Stack, capture: (s: string) => void): Promise<string> {
    let output = "";
    const take = (s: string) => { output += s; capture(s); };
    const failed = await stack.preview({ onOutput: take, onError: take }).then(() => false, () => true);
    assert.ok(failed, "the preview of invalid arguments succeeded");
    return output;
}

/** Each problem's reason once; the count is the error's first line (the progress row repeats that line). */
function assertEachProblemOnce(output: string): void {
    assert.match(output, /error: .*CanaryDelivery "shop" has 2 invalid arguments/);
    for (const p of PROBLEMS) {
        assert.strictEqual(occurrences(output, p.reason), 1, `"${p.reason}" is printed ${occurrences(output, p.reason)} times`);
    }
}

describe("invalid arguments in the real CLI's output: each problem once", function () {
    this.timeout(600_000);
    const { stateDir, capture } = usePulumiRun();

    it("from Pulumi YAML through the plugin: the count, then each property with its value and reason", async () => {
        const dir = fs.mkdtempSync(path.join(stateDir, "..", "canary-plugin-errors-"));
        try {
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), yaml.dump({
                name: "plugin-errors",
                runtime: "yaml",
                packages: { "canary-delivery": sharedStagedProvider().dir },
                resources: { shop: { type: "canary-delivery:CanaryDelivery", properties: { template: { image: "nginx:1.27" }, ...BAD } } },
            }));
            await runAsync("pulumi", ["install"], { cwd: dir, env: cliEnv(stateDir), onOutput: capture });
            const stack = await openStack({ workDir: dir, stackName: "it", stateDir, kubeconfig: NOWHERE });
            const output = await failedPreviewOutput(stack, capture);
            assertEachProblemOnce(output);
            // The engine's lines name each property and the value it was given.
            assert.match(output, /property replicas with value '\{?-1\}?' has a problem: must be at least 0/);
            assert.match(output, /property steps\[0\]\.weight with value '\{?120\}?' has a problem: must be a percentage from 0 to 100/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("a __proto__ label from Pulumi YAML gets the reserved-key error at its path, as in TypeScript (the decoding drops the key)", async () => {
        const dir = fs.mkdtempSync(path.join(stateDir, "..", "canary-plugin-proto-"));
        try {
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), yaml.dump({
                name: "plugin-proto",
                runtime: "yaml",
                packages: { "canary-delivery": sharedStagedProvider().dir },
                resources: { shop: { type: "canary-delivery:CanaryDelivery", properties: {
                    template: { image: "nginx:1.27", labels: JSON.parse('{"__proto__": "x", "team": "shop"}') }, steps: [{ weight: 10 }],
                } } },
            }));
            assert.match(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"), /__proto__: x/);
            await runAsync("pulumi", ["install"], { cwd: dir, env: cliEnv(stateDir), onOutput: capture });
            const stack = await openStack({ workDir: dir, stackName: "it", stateDir, kubeconfig: NOWHERE });
            const output = await failedPreviewOutput(stack, capture);
            assert.match(output, /CanaryDelivery "shop" has 1 invalid argument/);
            assert.match(output, /property template\.labels\.__proto__ .*has a problem: is a reserved key: "__proto__", "constructor" and "prototype" are not allowed as keys/);
            assert.strictEqual(occurrences(output, "is a reserved key"), 1);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("from a TypeScript program (in-process, no plugin): the message lists each problem with its property path", async () => {
        // Inside the repo, so that the program resolves canary-delivery and @pulumi/pulumi from its node_modules.
        sharedStagedProvider(); // builds provider/bin, which the canary-delivery package runs
        const dir = fs.mkdtempSync(path.join(localDir, "plugin-errors-ts-"));
        try {
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), yaml.dump({ name: "plugin-errors-ts", runtime: { name: "nodejs", options: { typescript: true } } }));
            fs.writeFileSync(path.join(dir, "index.ts"), [
                'import { CanaryDelivery } from "canary-delivery";',
                `new CanaryDelivery("shop", ${JSON.stringify({ template: { image: "nginx:1.27" }, ...BAD })});`,
                "",
            ].join("\n"));
            const stack = await openStack({ workDir: dir, stackName: "ts", stateDir, kubeconfig: NOWHERE });
            const output = await failedPreviewOutput(stack, capture);
            assertEachProblemOnce(output);
            for (const p of PROBLEMS) assert.ok(output.includes(`  - ${p.path}: ${p.reason}`), `"${p.path}: ${p.reason}" is listed`);
            assert.doesNotMatch(output, /has a problem|unhandled exception|\bat [\w.]+ \(/, "no engine lines, no stack trace");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
