// The consumption paths README.md documents, from fresh projects in temp directories, on a local
// API server:
// - `pulumi package add <provider dir>` into a new TypeScript and a new Python project: the CLI
//   records the package in Pulumi.yaml, generates the SDK into sdks/, links and installs it; then
//   `pulumi up` constructs the component through the provider plugin;
// - a TypeScript project depending on the npm package by path (`"canary-delivery": "file:..."`),
//   which runs the component in the program's own process, as the root demo does.
// The provider directory is the staged copy (scripts/provider-plugin.ts), so no install ever runs
// in the checkout.
import * as assert from "assert";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { cliEnv, runAsync, sharedStagedProvider } from "../../scripts/provider-plugin";
import { openStack } from "../../scripts/pulumi/workspace";
import { assertObjectsExist, assertObjectsGone, PULUMI_PYTHON_REQUIREMENT, ReleaseObject, seedPythonVenv } from "../helpers/consumer-projects";
import { useCluster } from "../helpers/local-cluster";
import { usePulumiRun } from "../helpers/pulumi-run";

const TS_VERSIONS = { pulumi: "3.259.0", typescript: "5.9.3", typesNode: "20.19.25" };

function write(dir: string, files: Record<string, string>): void {
    for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
    }
}

function typescriptProject(dir: string, name: string, dependencies: Record<string, string> = {}): void {
    write(dir, {
        "Pulumi.yaml": `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n`,
        "package.json": JSON.stringify({
            name, private: true, main: "index.ts",
            dependencies: { "@pulumi/pulumi": TS_VERSIONS.pulumi, ...dependencies },
            devDependencies: { "@types/node": TS_VERSIONS.typesNode, typescript: TS_VERSIONS.typescript },
        }, null, 2),
        "tsconfig.json": JSON.stringify({
            compilerOptions: { strict: true, target: "ES2022", module: "commonjs", moduleResolution: "node", skipLibCheck: true },
            files: ["index.ts"],
        }, null, 2),
        "index.ts": "export {};\n",
    });
}

describe("consumption paths from fresh projects (real CLI, local API server)", function () {
    this.timeout(900_000);
    const cluster = useCluster("consume-it");
    const { stateDir, capture } = usePulumiRun();
    const workRoot = fs.mkdtempSync(path.join(stateDir, "..", "canary-consume-"));
    const env = cliEnv(stateDir);
    const timed = async (what: string, f: () => Promise<void>) => {
        const started = Date.now();
        await f();
        process.stderr.write(`      (${what}: ${((Date.now() - started) / 1000).toFixed(1)}s)\n`);
    };
    after(() => fs.rmSync(workRoot, { recursive: true, force: true }));

    /** up, objects on the API server, destroy; returns the kinds created. */
    async function deploy(dir: string, stackName: string): Promise<{ kinds: string[]; plan: string }> {
        const stack = await openStack({ workDir: dir, stackName, stateDir, kubeconfig: cluster.current().kubeconfig });
        const res = await stack.up({ onOutput: capture });
        assert.strictEqual(res.summary.result, "succeeded");
        const objects: ReleaseObject[] = (res.outputs.objects.value as any[]).map((o) => ({ ...o, managedBy: o.managedBy ?? o.managed_by }));
        const kinds = assertObjectsExist(cluster.current(), objects);
        assert.strictEqual((await stack.destroy({ onOutput: capture })).summary.result, "succeeded");
        assertObjectsGone(cluster.current(), objects);
        return { kinds, plan: res.outputs.plan.value };
    }

    function assertPackageRecorded(dir: string, pluginDir: string): void {
        const project = yaml.load(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")) as any;
        assert.strictEqual(path.resolve(dir, project.packages?.["canary-delivery"] ?? ""), pluginDir,
            "Pulumi.yaml records the package under packages:");
    }

    it("pulumi package add into a new TypeScript project, then pulumi up", () => timed("package add + up, TypeScript", async () => {
        const plugin = sharedStagedProvider().dir;
        const dir = path.join(workRoot, "add-typescript");
        typescriptProject(dir, "add-typescript");
        const out = await runAsync("pulumi", ["package", "add", plugin], { cwd: dir, env, onOutput: capture });
        assert.match(out, /import \* as canaryDelivery from "@pulumi\/canary-delivery"/);
        assertPackageRecorded(dir, plugin);
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
        assert.strictEqual(pkg.dependencies["@pulumi/canary-delivery"], "file:sdks/canary-delivery");
        assert.ok(fs.existsSync(path.join(dir, "node_modules", "@pulumi", "canary-delivery", "bin", "index.js")), "the SDK is installed and built");

        write(dir, {
            "index.ts": [
                `import * as canaryDelivery from "@pulumi/canary-delivery";`,
                `const release = new canaryDelivery.CanaryDelivery("added-ts", {`,
                `    template: { image: "nginx:1.27" },`,
                `    istio: { split: canaryDelivery.IstioSplit.Subset },`,
                `    steps: [{ weight: 30, pause: "1m" }],`,
                // This API server runs no Argo controller: apply without following the release.
                `    delivery: { wait: false },`,
                `});`,
                `export const plan = release.plan;`,
                `export const objects = release.objects;`,
            ].join("\n") + "\n",
        });
        const { kinds, plan } = await deploy(dir, "add-ts");
        assert.deepStrictEqual(kinds, ["DestinationRule", "Rollout", "Service", "VirtualService"]);
        assert.strictEqual(plan, "30% for 1m, 100%; full promotion after at least 1m");
    }));

    it("pulumi package add into a new Python project, then pulumi up", () => timed("package add + up, Python", async () => {
        const plugin = sharedStagedProvider().dir;
        const dir = path.join(workRoot, "add-python");
        write(dir, {
            "Pulumi.yaml": "name: add-python\nruntime:\n  name: python\n  options:\n    virtualenv: venv\n",
            "requirements.txt": `${PULUMI_PYTHON_REQUIREMENT()}\n`,
            "__main__.py": "",
        });
        seedPythonVenv(dir, [PULUMI_PYTHON_REQUIREMENT()]);
        const out = await runAsync("pulumi", ["package", "add", plugin], { cwd: dir, env, onOutput: capture });
        assert.match(out, /import pulumi_canary_delivery as canary_delivery/);
        assertPackageRecorded(dir, plugin);
        assert.match(fs.readFileSync(path.join(dir, "requirements.txt"), "utf8"), /^sdks\/canary-delivery$/m);

        write(dir, {
            "__main__.py": [
                "import pulumi",
                "import pulumi_canary_delivery as canary_delivery",
                "",
                "release = canary_delivery.CanaryDelivery(",
                '    "added-py",',
                '    template={"image": "nginx:1.27"},',
                '    service={"port": 80},',
                '    steps=[{"weight": 25, "pause": "2m"}, {"weight": 75, "pause": "2m"}],',
                '    delivery={"wait": False},',
                ")",
                'pulumi.export("plan", release.plan)',
                'pulumi.export("objects", release.objects)',
            ].join("\n") + "\n",
        });
        const { kinds, plan } = await deploy(dir, "add-py");
        assert.deepStrictEqual(kinds, ["Rollout", "Service"]);
        assert.strictEqual(plan, "25% for 2m, 75% for 2m, 100%; full promotion after at least 4m");
    }));

    it("a TypeScript project depending on the npm package by path runs the component in-process", () => timed("npm by path + up", async () => {
        const providerDir = sharedStagedProvider().dir;
        const dir = path.join(workRoot, "npm-by-path");
        typescriptProject(dir, "npm-by-path", { "canary-delivery": `file:${providerDir}` });
        await runAsync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, env, onOutput: capture });
        write(dir, {
            "index.ts": [
                `import { CanaryDelivery } from "canary-delivery";`,
                `const release = new CanaryDelivery("by-path", {`,
                `    template: { image: "nginx:1.27", ports: [{ containerPort: 8080 }] },`,
                `    nginx: { host: "by-path.example.com" },`,
                `    steps: [{ weight: 10, pause: "1m" }, { weight: 50 }],`,
                `    delivery: { wait: false },`,
                `});`,
                `export const plan = release.plan;`,
                `export const objects = release.objects;`,
            ].join("\n") + "\n",
        });
        const { kinds } = await deploy(dir, "npm-by-path");
        assert.deepStrictEqual(kinds, ["Ingress", "Rollout", "Service"]);
    }));
});
