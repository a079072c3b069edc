// The canary-delivery CLI as a pipeline runs it, against a stack deployed to a local cluster with
// the real Argo Rollouts controller: it finds the release and its cluster from the stack's state
// (with KUBECONFIG pointing nowhere), says where the release stands with the documented exit
// codes, and promotes, aborts and retries it the way `kubectl argo rollouts` does.
import * as assert from "assert";
import { execFile } from "child_process";
import { repoRoot } from "../../scripts/paths";
import { builtCli } from "../helpers/built-cli";
import { observed, releaseProgram, rolloutView, RolloutView, say, useEndToEnd, waitUntil } from "./helpers";

const NAME = "shop";
const NAMESPACE = "e2e-cli";

interface CliRun {
    code: number;
    stdout: string;
    stderr: string;
}

describe("e2e: the canary-delivery CLI on a stack's release under the real controller", function () {
    this.timeout(300_000);
    const { cluster, stack } = useEndToEnd(NAMESPACE, {
        program: releaseProgram(NAME, NAMESPACE, () => ({
            replicas: 2,
            template: { ports: [{ containerPort: 8080 }] },
            steps: [{ weight: 50, pause: "" }, { weight: 75, pause: "5s" }],
            // The follow is the lifecycle specs' subject: here the CLI watches.
            delivery: { wait: false },
        }), (release) => ({ rolloutName: release.rolloutName })),
        stackName: "cli", config: { image: "shop:1" },
    });
    const view = () => rolloutView(cluster, NAME);
    before(function () {
        this.timeout(300_000);
        builtCli();
    });

    /** Runs the CLI as a user would, with the stack's Pulumi environment and no usable ambient kubeconfig. */
    function cli(...args: string[]): Promise<CliRun> {
        const env = { ...process.env, ...stack.current().workspace.envVars, KUBECONFIG: "/nonexistent/kubeconfig" };
        return new Promise((resolve) => {
            execFile(process.execPath, [builtCli(), ...args], { cwd: repoRoot, env, timeout: 120_000 }, (err, stdout, stderr) => {
                const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
                say(`canary-delivery ${args.join(" ")} -> exit ${code}`);
                stack.capture(`$ canary-delivery ${args.join(" ")}\n${stdout}${stderr}(exit ${code})\n`);
                resolve({ code, stdout, stderr });
            });
        });
    }
    const onStack = () => ["--stack", "cli", "--cwd", stack.current().workspace.workDir];
    const up = async (image: string) => {
        await stack.current().setConfig("image", { value: image });
        await stack.current().up({ onOutput: stack.capture });
    };

    it("v1: status finds the release on the stack's cluster and exits 0 once Healthy", async () => {
        await up("shop:1");
        await waitUntil("v1 Healthy", view, (v) => observed(v) && v.phase === "Healthy" && v.stableRS === v.currentPodHash, 60_000);
        const status = await cli("status", ...onStack());
        assert.strictEqual(status.code, 0, status.stderr);
        const lines = status.stdout.split("\n");
        assert.match(lines[0], /^shop: Rollout e2e-cli\/shop on https:\/\/127\.0\.0\.1:\d+ \(Kubernetes provider "default_4_25_0"\)$/);
        assert.strictEqual(lines[1], "  Healthy, fully promoted");
        assert.ok(status.stdout.includes("    [x] 1. 50% until promoted\n    [x] 2. 75% for 5s\n    [x] 3. 100%\n"), status.stdout);
        const json = await cli("status", NAME, ...onStack(), "--json");
        assert.strictEqual(json.code, 0);
        const parsed = JSON.parse(json.stdout);
        assert.deepStrictEqual({ exitCode: parsed.exitCode, state: parsed.releases[0].state, stages: parsed.releases[0].stages },
            { exitCode: 0, state: "healthy", stages: ["50% until promoted", "75% for 5s", "100%"] });
    });

    it("v2 pauses at the manual gate: status --watch follows it there and exits 2, so does status", async () => {
        await up("shop:2");
        const watch = await cli("status", ...onStack(), "--watch", "--timeout", "90s");
        assert.strictEqual(watch.code, 2, watch.stdout + watch.stderr);
        // Not a terminal: one line per change, ending at the gate.
        assert.match(watch.stdout, /shop: paused at stage 1 of 2: waiting for promotion; ready pods: canary \d\/1, stable \d\/1\n$/);
        const status = await cli("status", NAME, ...onStack());
        assert.strictEqual(status.code, 2);
        assert.match(status.stdout, /\[>\] 1\. 50% until promoted   <- waiting for promotion/);
        assert.match(status.stdout, /canary weight: 50% \(of the pods, as the step sets it\)/);
        // The same Rollout named explicitly, on an explicit kubeconfig.
        const explicit = await cli("status", NAME, "--kubeconfig", cluster.current().kubeconfig, "-n", NAMESPACE);
        assert.strictEqual(explicit.code, 2, explicit.stderr);
        assert.match(explicit.stdout, new RegExp(`^shop: Rollout ${NAMESPACE}/shop on .* \\(kubeconfig ${cluster.current().kubeconfig}\\)`));
    });

    it("retry refuses a release that is not aborted (exit 1), nothing changed", async () => {
        const before = view();
        const retry = await cli("retry", ...onStack());
        assert.strictEqual(retry.code, 1);
        assert.match(retry.stderr, /^shop: retry not done: the release is not aborted \(paused at stage 1 of 2: waiting for promotion.*\); `retry` runs an aborted release again\n$/);
        assert.deepStrictEqual(view(), before);
    });

    it("promote passes the gate; status --watch follows stage 2 to Healthy and exits 0", async () => {
        const promote = await cli("promote", ...onStack());
        assert.strictEqual(promote.code, 0, promote.stderr);
        assert.match(promote.stdout, /^shop: promoted past the gate at stage 1 of 2 \(it was: paused at stage 1 of 2: waiting for promotion/);
        const watch = await cli("status", NAME, ...onStack(), "--watch", "--timeout", "90s");
        assert.strictEqual(watch.code, 0, watch.stdout + watch.stderr);
        assert.match(watch.stdout, /shop: Healthy, fully promoted\n$/);
        const v = view();
        assert.ok(v.image === "shop:2" && v.phase === "Healthy" && v.stableRS === v.currentPodHash, JSON.stringify(v));
        const again = await cli("promote", ...onStack());
        assert.strictEqual(again.code, 1);
        assert.match(again.stderr, /shop: promote not done: nothing to promote: the release is fully promoted/);
    });

    it("v3, aborted at its gate: status exits 3 and the Rollout's status.abort is true", async () => {
        await up("shop:3");
        assert.strictEqual((await cli("status", ...onStack(), "--watch", "--timeout", "90s")).code, 2);
        const abort = await cli("abort", NAME, ...onStack());
        assert.strictEqual(abort.code, 0, abort.stderr);
        assert.match(abort.stdout, /^shop: aborted: traffic goes back to the stable version/);
        const aborted = await waitUntil("the controller aborted v3", view, (v: RolloutView) => v.abort && v.phase === "Degraded", 30_000);
        assert.notStrictEqual(aborted.stableRS, aborted.currentPodHash);
        const status = await cli("status", ...onStack());
        assert.strictEqual(status.code, 3, status.stdout);
        assert.match(status.stdout, /^  aborted: RolloutAborted: /m);
    });

    it("retry --wait runs v3 again and follows it back to its gate (exit 2)", async () => {
        const retry = await cli("retry", ...onStack(), "--wait", "--timeout", "90s");
        assert.strictEqual(retry.code, 2, retry.stdout + retry.stderr);
        assert.match(retry.stdout, /^shop: retried: the release runs again from stage 1/);
        assert.match(retry.stdout, /shop: paused at stage 1 of 2: waiting for promotion.*\n$/);
        const v = view();
        assert.ok(!v.abort && v.phase === "Paused" && v.image === "shop:3", JSON.stringify(v));
    });
});
