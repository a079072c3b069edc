// The pull-request report end to end: the real `pulumi preview --json` (its event stream, with the
// policy pack) of a program on disk against a local API server whose Rollout has a live status
// (written through the status subresource, as the Argo controller writes it: this tier runs no
// controller), then `canary-delivery report` as a workflow runs it. Each preview's JSON can be
// kept as a unit fixture: CAPTURE_REPORT_FIXTURES=1 writes them to tests/unit/fixtures/report/.
import { Stack } from "@pulumi/pulumi/automation";
import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { kubectl } from "../../scripts/cluster/cluster";
import { repoRoot } from "../../scripts/paths";
import { openStack, pulumiEnv } from "../../scripts/pulumi/workspace";
import { pausedAtStage2, useCluster, writeRolloutStatus } from "../helpers/local-cluster";
import { builtCli } from "../helpers/built-cli";
import { usePulumiRun } from "../helpers/pulumi-run";

const FIXTURES = path.join(repoRoot, "tests", "unit", "fixtures", "report");
const STEPS = [{ weight: 10, pause: "6m" }, { weight: 30 }, { weight: 60, pause: "10m" }];

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { CanaryDelivery } from ${JSON.stringify(path.join(repoRoot, "provider", "src"))};

const config = new pulumi.Config();
if (config.getBoolean("enabled") !== false) new CanaryDelivery("shop", {
    namespace: "default",
    replicas: 4,
    // An adopted Deployment the controller scales down once promoted: its Rollout outlives the component.
    ...(config.getBoolean("adopt") ? { workloadRef: { name: "shop", matchLabels: { app: "shop" }, scaleDown: "onsuccess" as const } } : { template: {
        image: config.require("image"),
        ports: [{ name: "http", containerPort: 8080 }],
        env: JSON.parse(config.get("env") ?? "[]"),
        resources: { requests: { cpu: config.get("cpu") ?? "100m" } },
    } }),
    steps: JSON.parse(config.require("steps")),
    analysis: config.getBoolean("analysis") === false ? undefined : {
        prometheus: { address: "http://prometheus.monitoring:9090" },
        presetSource: "istio",
        successRate: { minPercent: 99 },
        metrics: [{ name: "error-budget", query: "sum(rate(errors_total[1m]))", successCondition: "result[0] < 5", failureLimit: 2 }],
        background: { startingStep: 1 },
    },
    // No Argo controller here: the test writes the status as the controller would.
    delivery: { wait: false },
});
`;

interface Run {
    code: number;
    stdout: string;
    stderr: string;
}

function exec(file: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; input?: string }): Promise<Run> {
    return new Promise((resolve) => {
        const child = execFile(file, args, { cwd: opts.cwd, env: opts.env, timeout: 300_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
            resolve({ code: err ? (typeof err.code === "number" ? err.code : -1) : 0, stdout, stderr });
        });
        if (opts.input !== undefined) child.stdin!.end(opts.input);
    });
}

/** What a committed fixture keeps of an event stream: no debug lines, no machine-specific paths or ports. */
function sanitize(output: string, dir: string, stateDir: string, stream: boolean): string {
    const kept = !stream ? output.trimEnd() : output.split("\n").filter((line) => {
        if (!line.trim()) return false;
        const e = JSON.parse(line);
        return !(e.diagnosticEvent?.severity === "debug" || e.progressEvent);
    }).join("\n");
    return kept
        .split(dir).join("/work/pr-report")
        .split(stateDir).join("/work/state")
        .split(repoRoot).join("/work/canary-delivery")
        .replace(/127\.0\.0\.1:\d+/g, "127.0.0.1:6443") + "\n";
}

describe("PR report from the real pulumi preview --json and the policy pack (live paused Rollout)", function () {
    this.timeout(900_000);
    const cluster = useCluster("pr-report-it");
    const { stateDir, capture } = usePulumiRun();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "canary-pr-report-"));
    let stack: Stack;
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const env = () => ({ ...process.env, ...pulumiEnv(stateDir), PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true" });
    const setStatus = (status: object) => writeRolloutStatus(cluster.current(), "shop", status);

    /** `pulumi preview --json` with the policy pack, then `canary-delivery report` on its output. */
    async function previewReport(fixture?: string, opts: { stream?: boolean } = {}): Promise<{ preview: Run; report: Run }> {
        const e = opts.stream === false ? { ...env(), PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "" } : env();
        const preview = await exec("pulumi", ["preview", "--json", "--stack", "report", "--policy-pack", path.join(repoRoot, "policy")], { cwd: dir, env: e });
        capture(`$ pulumi preview --json (exit ${preview.code})\n${preview.stderr}\n`);
        if (fixture && process.env.CAPTURE_REPORT_FIXTURES === "1") {
            fs.mkdirSync(FIXTURES, { recursive: true });
            const text = sanitize(preview.stdout, dir, stateDir, opts.stream !== false);
            fs.writeFileSync(path.join(FIXTURES, fixture), text);
        }
        const report = await exec(process.execPath, [builtCli(), "report", "--project", "pr-report", "--stack", "report"],
            { cwd: repoRoot, env: process.env, input: preview.stdout });
        capture(`$ canary-delivery report (exit ${report.code})\n${report.stdout}${report.stderr}\n`);
        return { preview, report };
    }

    before(async () => {
        builtCli();
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: pr-report\nruntime: nodejs\ndescription: A CanaryDelivery whose previews a pull request reports on.\n");
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "pr-report", private: true, main: "index.ts" }, null, 2));
        fs.writeFileSync(path.join(dir, "index.ts"), PROGRAM);
        // A project's own compiler settings (without them ts-node checks against ES5's library); the
        // program is transpiled only: type-checking the provider's sources is tsc's job, not this spec's.
        fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: {
            target: "ES2022", lib: ["ES2022"], module: "commonjs", moduleResolution: "node", strict: true, esModuleInterop: true,
            skipLibCheck: true, noCheck: true,
        } }, null, 2));
        fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"));
        stack = await openStack({ workDir: dir, stackName: "report", stateDir, kubeconfig: cluster.current().kubeconfig,
            config: { image: "shop:1", steps: JSON.stringify(STEPS) } });
    });

    it("a first release: not deployed yet, straight to 100%, the plan with its total time, the pack has nothing to say", async () => {
        const { preview, report } = await previewReport("first-release.jsonl");
        assert.strictEqual(preview.code, 0, preview.stderr);
        assert.strictEqual(report.code, 0, report.stderr);
        const md = report.stdout;
        assert.ok(md.startsWith("<!-- canary-delivery-report: pr-report/report -->\n"), md);
        assert.match(md, /### `shop`: first release \(goes to 100% at once\)/);
        assert.match(md, /\*\*Live:\*\* not deployed yet/);
        assert.match(md, /\*\*Plan:\*\* full promotion after at least 16m, plus 1 manual promotion at stage 2\./);
        assert.match(md, /\| 2 \| 30% \| until promoted \(manual gate\) \| background \|/);
        assert.match(md, /\| `success-rate` \| success rate >= 99%/);
        assert.match(md, /\| `error-budget` \| `result\[0\] < 5` \| `not passed` \| 1m \| until promoted in the background \| 2 \| background from stage 2 \|/);
        await previewReport("first-release.summary.json", { stream: false });
        await stack.up({ onOutput: capture });
    });

    it("paused at stage 2 of 3: an image change starts a canary that replaces the one in progress; the diff shows image, env and resources", async () => {
        const rollout = JSON.parse(kubectl(cluster.current(), ["get", "rollouts.argoproj.io", "shop", "-n", "default", "-o", "json"]));
        // The stable ReplicaSet runs shop:1, as the controller would have left it: what a rollback returns to.
        const template = rollout.spec.template;
        const labels = { ...template.metadata.labels, "rollouts-pod-template-hash": "7d9f8c6b5" };
        kubectl(cluster.current(), ["apply", "-f", "-"], JSON.stringify({
            apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "shop-7d9f8c6b5", namespace: "default", labels },
            spec: { replicas: 0, selector: { matchLabels: labels }, template: { ...template, metadata: { ...template.metadata, labels } } },
        }));
        await stack.setConfig("image", { value: "shop:2" });
        await stack.up({ onOutput: capture });
        setStatus(pausedAtStage2());
        await stack.setAllConfig({ image: { value: "shop:3" }, env: { value: JSON.stringify([{ name: "MODE", value: "fast" }]) }, cpu: { value: "250m" } });
        const md = (await previewReport("image-change-live-paused.jsonl")).report.stdout;
        assert.match(md, /### `shop`: starts a canary/);
        assert.match(md, /\*\*Live:\*\* paused at stage 2 of 3, canary at 30%/);
        assert.match(md, /The component says: this pod template change replaces the canary in progress and restarts from stage 1\./);
        assert.match(md, /\| pod template \| `template\.image` \| `shop:2` \| `shop:3` \|/);
        assert.match(md, /\| pod template \| `template\.env\[MODE\]` \| _unset_ \| `\{"name":"MODE","value":"fast"\}` \|/);
        assert.match(md, /\| pod template \| `template\.resources\.requests\.cpu` \| `100m` \| `250m` \|/);
        assert.match(md, /full promotion after at least 16m, plus 1 manual promotion at stage 2/);
        // The background analysis watches the last weight: the pack has nothing to say about it.
        assert.doesNotMatch(md, /canary-final-weight/);
    });

    it("the same version with new steps: a steps-only change, old plan -> new plan", async () => {
        await stack.setAllConfig({ image: { value: "shop:2" }, env: { value: "[]" }, cpu: { value: "100m" },
            steps: { value: JSON.stringify([{ weight: 20, pause: "2m" }, { weight: 50 }, { weight: 100 }]) } });
        const md = (await previewReport("steps-only-live-paused.jsonl")).report.stdout;
        assert.match(md, /### `shop`: steps-only change/);
        assert.match(md, /\| steps \| `steps` \| `10% for 6m, 30% until promoted, 60% for 10m, 100%` \| `20% for 2m, 50% until promoted, 100%` \|/);
        assert.match(md, /restarts it at stage 1 of the new 3/);
        assert.match(md, /\*\*Plan:\*\* full promotion after at least 2m, plus 1 manual promotion at stage 2\./);
    });

    it("the image set back to the stable version while the canary runs: a rollback", async () => {
        await stack.setAllConfig({ image: { value: "shop:1" }, steps: { value: JSON.stringify(STEPS) } });
        const md = (await previewReport("rollback-live-paused.jsonl")).report.stdout;
        assert.match(md, /### `shop`: rollback to the stable version/);
        assert.match(md, /\| pod template \| `template\.image` \| `shop:2` \| `shop:1` \|/);
        assert.match(md, /Argo switches all traffic back to the stable pods at once/);
    });

    it("nothing changed: no change to the release, the live state still shown", async () => {
        await stack.setAllConfig({ image: { value: "shop:2" }, env: { value: "[]" }, cpu: { value: "100m" }, steps: { value: JSON.stringify(STEPS) } });
        const md = (await previewReport("no-change-live-paused.jsonl")).report.stdout;
        assert.match(md, /### `shop`: no change to the release/);
        assert.match(md, /\*\*Live:\*\* paused at stage 2 of 3, canary at 30%/);
    });

    it("a production stack's canary without analysis: the pack's mandatory violation fails the preview; the report groups it by level", async () => {
        await stack.setAllConfig({ "canary-delivery:production": { value: "true" }, analysis: { value: "false" }, image: { value: "shop:3" } });
        const { preview, report } = await previewReport("policy-mandatory.jsonl");
        assert.notStrictEqual(preview.code, 0);
        assert.strictEqual(report.code, 0, report.stderr);
        const md = report.stdout;
        assert.match(md, /\*\*The preview failed \(1 mandatory policy violation/);
        assert.match(md, /- \*\*mandatory\*\*\n  - `canary-analysis-required` on Rollout `shop-rollout`: /);
        assert.match(md, /- \*\*advisory\*\*\n  - `canary-final-weight` on Rollout `shop-rollout`: /);
        assert.match(md, /\| analysis \| `analysis` \| `\{.*"successRate":\{"minPercent":99\}\}` \| _unset_ \|/);
        await stack.removeConfig("canary-delivery:production");
        await stack.setAllConfig({ analysis: { value: "true" }, image: { value: "shop:2" } });
    });

    it("the component taken out of the program: removed", async () => {
        await stack.setConfig("enabled", { value: "false" });
        const md = (await previewReport("removed.jsonl")).report.stdout;
        assert.match(md, /### `shop`: removed/);
        await stack.setConfig("enabled", { value: "true" });
    });

    it("invalid arguments: the preview fails, and the report names each problem", async () => {
        await stack.setConfig("steps", { value: JSON.stringify([{ weight: 10, pause: "5 minutes" }]) });
        const { preview, report } = await previewReport("failed-arguments.jsonl");
        assert.notStrictEqual(preview.code, 0);
        assert.strictEqual(report.code, 0, report.stderr);
        assert.match(report.stdout, /\*\*The preview failed/);
        assert.match(report.stdout, /steps\[0\]\.pause/);
        assert.match(report.stdout, /### `shop`: not previewed/);
    });

    it("an adopted Deployment's release taken out of the program: the report warns that its Rollout stays, unmanaged, and says how to remove it safely", async () => {
        await stack.setAllConfig({ steps: { value: JSON.stringify(STEPS) }, adopt: { value: "true" } });
        await stack.up({ onOutput: capture });
        await stack.setConfig("enabled", { value: "false" });
        const md = (await previewReport("removed-retained.jsonl")).report.stdout;
        assert.match(md, /### `shop`: removed/);
        assert.match(md, /\*\*Warning:\*\* Rollout `shop` stays in the cluster, no longer managed by Pulumi \(retained: the controller may have scaled Deployment `shop` down, so deleting the Rollout would leave no pods\)\. To remove the release safely, first set `workloadRef\.handBack: true` and run `pulumi up`, then remove the component/);
        await stack.setAllConfig({ enabled: { value: "true" }, adopt: { value: "false" } });
    });
});
