// Flagger-style webhooks and a load test under the real Argo Rollouts controller. The test serves
// the webhook on 127.0.0.1 (the controller runs on this machine) and decides its answer: a gate
// that answers 200 lets the canary start; one that answers 500, or not within its timeout, aborts
// the release back to stable and fails the `pulumi up` that started it. The load test is a Job the
// local cluster schedules on the kwok node, which marks its pod complete, and the background
// AnalysisRun records it as a successful measurement.
import * as assert from "assert";
import * as http from "http";
import type { AddressInfo } from "net";
import { kubectl } from "../../scripts/cluster/cluster";
import { NamespaceRef } from "../helpers/local-cluster";
import { ANALYSIS_RUN, observed, promote, releaseProgram, rolloutView, RolloutView, say, useEndToEnd, waitUntil } from "./helpers";

const NAME = "hooks";
const NAMESPACE = "e2e-webhooks";

type Answer = "ok" | "fail" | "slow";

/** A webhook endpoint whose answer the test sets; it records every call. */
interface WebhookStub {
    url: string;
    set(answer: Answer): void;
    calls: { method: string; path: string; authorization?: string }[];
    close(): Promise<void>;
}

async function startWebhookStub(): Promise<WebhookStub> {
    let answer: Answer = "ok";
    const calls: WebhookStub["calls"] = [];
    const server = http.createServer((req, res) => {
        calls.push({ method: req.method ?? "", path: req.url ?? "", authorization: req.headers.authorization });
        const reply = () => {
            if (answer === "fail") {
                res.writeHead(500).end("no");
            } else {
                res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
            }
        };
        // Slower than the gate's 2s timeout: Argo gives up first.
        if (answer === "slow") setTimeout(reply, 5_000).unref();
        else reply();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}`,
        set: (a) => { answer = a; },
        calls,
        close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
    };
}

interface RunView {
    phase?: string;
    message?: string;
    metrics: { name: string; phase: string; measurements: { phase: string; message?: string }[] }[];
}

/** AnalysisRuns of the Rollout's current pod hash, by kind: the gate's (step) and the background one. */
function runsOf(at: NamespaceRef, podHash: string | undefined): { gate?: RunView; background?: RunView } {
    const runs = JSON.parse(kubectl(at.current(), ["get", ANALYSIS_RUN, "-n", at.namespace, "-o", "json"])).items as any[];
    const view = (run: any): RunView | undefined => run && {
        phase: run.status?.phase,
        message: run.status?.message,
        metrics: (run.status?.metricResults ?? []).map((m: any) => ({
            name: m.name, phase: m.phase, measurements: (m.measurements ?? []).map((x: any) => ({ phase: x.phase, message: x.message })),
        })),
    };
    const ofHash = runs.filter((r) => r.metadata.labels?.["rollouts-pod-template-hash"] === podHash);
    const isGate = (r: any) => (r.spec?.metrics ?? []).some((m: any) => m.name === "confirm-rollout");
    return { gate: view(ofHash.find(isGate)), background: view(ofHash.find((r) => !isGate(r))) };
}

describe("e2e: webhook gates and a load test under the real controller", function () {
    this.timeout(600_000);
    let hook: WebhookStub;
    const { cluster, stack } = useEndToEnd(NAMESPACE, {
        program: releaseProgram(NAME, NAMESPACE, (config) => ({
            replicas: 2,
            template: { ports: [{ containerPort: 8080 }] },
            analysis: {
                webhooks: [{
                    name: "confirm-rollout", type: "gate", url: `${config.require("webhook")}/gate/approve`, timeout: "2s",
                    headers: [{ name: "Authorization", value: "Bearer e2e-token" }],
                }],
                loadTest: { image: "ghcr.io/fluxcd/flagger-loadtester:0.34.0", command: ["hey", "-z", "10s", "http://hooks/"], activeDeadlineSeconds: 60 },
                interval: "3s",
            },
            steps: [{ weight: 50, pause: "" }],
        }), (release) => ({ plan: release.plan, analysisTemplateNames: release.analysisTemplateNames })),
        stackName: "webhooks", config: { image: "hooks:1" },
    });
    before(async () => {
        hook = await startWebhookStub();
        say(`webhook endpoint at ${hook.url}`);
        await stack.current().setConfig("webhook", { value: hook.url });
    });
    after(async () => hook && await hook.close());

    const view = () => rolloutView(cluster, NAME);
    const healthy = (image: string) => (v: RolloutView) => observed(v) && v.image === image && v.phase === "Healthy" && v.stableRS === v.currentPodHash;
    const gateCalls = () => hook.calls.filter((c) => c.path === "/gate/approve");

    it("up: the first release is Healthy, and nothing is called (Argo skips the steps)", async () => {
        const up = await stack.current().up({ onOutput: stack.capture });
        assert.strictEqual(up.outputs.plan.value,
            '50% until promoted, 100%; background analysis from stage 1; webhook gate "confirm-rollout" before stage 1; full promotion after 1 manual promotion at stage 1, no timed waits');
        assert.deepStrictEqual(up.outputs.analysisTemplateNames.value, [`${NAME}-background-analysis`, `${NAME}-gate-confirm-rollout`]);
        await waitUntil("first release Healthy", view, healthy("hooks:1"));
        assert.strictEqual(gateCalls().length, 0);
    });

    it("a gate answering 200 opens the stage; the load-test Job runs and completes, and its measurements succeed", async () => {
        hook.set("ok");
        await stack.current().setConfig("image", { value: "hooks:2" });
        const up = await stack.current().up({ onOutput: stack.capture });
        assert.strictEqual(up.summary.result, "succeeded");
        const v = await waitUntil("paused at the manual gate", view, (r) => observed(r) && r.phase === "Paused" && r.pauseReasons.includes("CanaryPauseStep"));
        const runs = await waitUntil("gate Successful, load test measured twice", () => runsOf(cluster, v.currentPodHash),
            (r) => r.gate?.phase === "Successful" && (r.background?.metrics.find((m) => m.name === "load-test")?.measurements.filter((x) => x.phase === "Successful").length ?? 0) >= 2,
            90_000);
        assert.strictEqual(gateCalls().length, 1, "a gate is called once");
        assert.deepStrictEqual([gateCalls()[0].method, gateCalls()[0].authorization], ["GET", "Bearer e2e-token"], "the header value came out of the Secret");
        const jobs = JSON.parse(kubectl(cluster.current(), ["get", "jobs", "-n", NAMESPACE, "-o", "json"])).items as any[];
        assert.ok(jobs.some((j) => j.status?.succeeded === 1), JSON.stringify(jobs.map((j) => j.status)));
        assert.ok(runs.background!.phase === "Running", JSON.stringify(runs.background));
    });

    it("promote: the release completes", async () => {
        promote(cluster, NAME);
        await waitUntil("Healthy at hooks:2", view, healthy("hooks:2"));
    });

    for (const answer of ["fail", "slow"] as const) {
        const image = answer === "fail" ? "hooks:3" : "hooks:4";
        it(`a gate that ${answer === "fail" ? "answers 500" : "does not answer within its timeout"} aborts the release back to stable, and the up fails`, async () => {
            hook.set(answer);
            const stableBefore = view().stableRS;
            await stack.current().setConfig("image", { value: image });
            await assert.rejects(stack.current().up({ onOutput: stack.capture }), (err: Error) => {
                assert.match(String(err), /Rollout e2e-webhooks\/hooks: Argo Rollouts aborted the release/);
                return true;
            });
            const v = view();
            assert.ok(v.abort && v.phase === "Degraded", JSON.stringify(v));
            assert.strictEqual(v.stableRS, stableBefore, "the stable version stays");
            const gate = runsOf(cluster, v.currentPodHash).gate!;
            assert.strictEqual(gate.phase, "Error", JSON.stringify(gate));
            const message = gate.metrics[0].measurements.map((m) => m.message).join(" ");
            assert.match(message, answer === "fail" ? /received non 2xx response code: 500/ : /Timeout|deadline|timeout/, message);
            // Finish the rollback for the next case.
            hook.set("ok");
            await stack.current().setConfig("image", { value: "hooks:2" });
            await stack.current().up({ onOutput: stack.capture });
            await waitUntil("Healthy at hooks:2 again", view, healthy("hooks:2"));
        });
    }
});
