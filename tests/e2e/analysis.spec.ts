// Background analysis under the real Argo Rollouts controller, against a Prometheus-compatible
// endpoint this test serves on 127.0.0.1 with a value it controls: while the metric is good the
// canary proceeds and completes; when it is bad the AnalysisRun fails, the rollout aborts
// (status.abort, Degraded), all traffic returns to stable (VirtualService 100/0) and the `pulumi up`
// that started the release fails with the controller's message; setting the image back finishes
// the rollback.
import * as assert from "assert";
import { kubectl } from "../../scripts/cluster/cluster";
import { NamespaceRef } from "../helpers/local-cluster";
import {
    ANALYSIS_RUN, observed, PrometheusStub, promote, releaseProgram, rolloutView, RolloutView, say,
    startPrometheusStub, useEndToEnd, vsWeights, waitUntil,
} from "./helpers";

const NAME = "pay";
const NAMESPACE = "e2e-analysis";
const GOOD = 0.01;
const BAD = 0.4;

interface RunView {
    name?: string;
    phase?: string;
    message?: string;
    measurements: { phase: string; value?: string }[];
}

/** The background AnalysisRun of the Rollout's current pod hash. */
function runView(at: NamespaceRef, podHash: string | undefined): RunView {
    const runs = JSON.parse(kubectl(at.current(), ["get", ANALYSIS_RUN, "-n", at.namespace, "-o", "json"])).items as any[];
    const run = runs.find((r) => r.metadata.labels?.["rollouts-pod-template-hash"] === podHash);
    return {
        name: run?.metadata.name,
        phase: run?.status?.phase,
        message: run?.status?.message,
        measurements: (run?.status?.metricResults?.[0]?.measurements ?? []).map((m: any) => ({ phase: m.phase, value: m.value })),
    };
}

describe("e2e: background analysis against a local Prometheus-compatible endpoint passes or aborts the canary", function () {
    this.timeout(600_000);
    let prometheus: PrometheusStub;
    const { cluster, stack } = useEndToEnd(NAMESPACE, {
        program: releaseProgram(NAME, NAMESPACE, (config) => ({
            replicas: 2,
            template: { ports: [{ name: "http", containerPort: 8080 }] },
            istio: {},
            analysis: {
                prometheus: { address: config.require("prometheus") },
                metrics: [{
                    name: "error-rate",
                    query: 'sum(rate(http_errors_total{service="{{args.canary-service}}"}[1m]))',
                    successCondition: "result[0] < 0.05",
                    interval: "2s",
                }],
            },
            steps: [{ weight: 25, pause: "5s" }, { weight: 50, pause: "" }],
        }), (release) => ({ plan: release.plan, liveSummary: release.liveSummary, analysisTemplateNames: release.analysisTemplateNames })),
        stackName: "analysis", config: { image: "pay:1" },
    });
    before(async () => {
        prometheus = await startPrometheusStub(GOOD);
        say(`Prometheus-compatible endpoint at ${prometheus.address}`);
        await stack.current().setConfig("prometheus", { value: prometheus.address });
    });
    after(async () => prometheus && await prometheus.close());

    const view = () => rolloutView(cluster, NAME);
    const state = () => {
        const rollout = view();
        return { rollout, weights: vsWeights(cluster, NAME, "primary"), run: runView(cluster, rollout.currentPodHash) };
    };
    const healthy = (image: string) => (v: RolloutView) => observed(v) && v.image === image && v.phase === "Healthy" && v.stableRS === v.currentPodHash;

    it("up: the first release is Healthy without analysis (steps are skipped)", async () => {
        const up = await stack.current().up({ onOutput: stack.capture });
        assert.strictEqual(up.outputs.plan.value, "25% for 5s, 50% until promoted, 100%; background analysis from stage 1; full promotion after at least 5s, plus 1 manual promotion at stage 2");
        assert.deepStrictEqual(up.outputs.analysisTemplateNames.value, [`${NAME}-background-analysis`]);
        await waitUntil("first release Healthy", view, healthy("pay:1"));
        assert.strictEqual(prometheus.queries.length, 0, "no analysis on the first release");
    });

    it("a good metric: the analysis keeps passing and the canary proceeds past the timed stage to stage 2", async () => {
        prometheus.set(GOOD);
        await stack.current().setConfig("image", { value: "pay:2" });
        await stack.current().up({ onOutput: stack.capture });
        const s = await waitUntil("paused at stage 2 (50/50) with successful measurements", state,
            ({ rollout: v, weights, run }) => observed(v) && v.phase === "Paused" && v.currentStepIndex === 3 && weights.join() === "50,50"
                && run.phase === "Running" && run.measurements.filter((m) => m.phase === "Successful").length >= 2, 60_000);
        assert.ok(s.run.measurements.every((m) => m.phase === "Successful"), JSON.stringify(s.run));
        assert.strictEqual(s.run.measurements[0].value, `[${GOOD}]`);
        // The query reached the endpoint with the template's arguments filled in.
        assert.ok(prometheus.queries.includes(`sum(rate(http_errors_total{service="${NAME}-canary"}[1m]))`), prometheus.queries.slice(-3).join("\n"));
    });

    it("promote: the release completes and its analysis ends Successful", async () => {
        promote(cluster, NAME);
        const s = await waitUntil("Healthy, fully promoted, 100/0, analysis Successful", state,
            ({ rollout: v, weights, run }) => healthy("pay:2")(v) && weights.join() === "100,0" && run.phase === "Successful");
        assert.strictEqual(s.rollout.abort, false);
    });

    it("a failing analysis aborts the release: traffic returns to stable and the up fails with the controller's message", async () => {
        prometheus.set(BAD);
        await stack.current().setConfig("image", { value: "pay:3" });
        const stableBefore = view().stableRS;
        await assert.rejects(stack.current().up({ onOutput: stack.capture }), (err: Error) => {
            const text = String(err);
            assert.match(text, /Rollout e2e-analysis\/pay: Argo Rollouts aborted the release: RolloutAborted: .*error-rate/);
            assert.match(text, /set the image back to the stable version to finish the rollback/);
            return true;
        });
        // The up ended once the controller had aborted: no waiting on the cluster here.
        const s = state();
        assert.ok(s.run.phase === "Failed" && s.rollout.abort && s.rollout.phase === "Degraded", JSON.stringify(s));
        await waitUntil("VirtualService back to 100/0", () => vsWeights(cluster, NAME, "primary"), (w) => w.join() === "100,0", 30_000);
        assert.ok(s.run.measurements.some((m) => m.phase === "Failed" && m.value === `[${BAD}]`), JSON.stringify(s.run));
        assert.strictEqual(s.rollout.stableRS, stableBefore, "the stable version stays the one before the canary");
        assert.notStrictEqual(s.rollout.currentPodHash, s.rollout.stableRS);
    });

    it("after the abort the preview says how to finish the rollback; reverting the image does it, with no canary", async () => {
        const preview = await stack.current().preview({ onOutput: stack.capture });
        assert.match(preview.stdout, /Rollout pay: aborted.*traffic is on the stable version \(pay:2\): set the image back to it to finish the rollback/);
        await stack.current().setConfig("image", { value: "pay:2" });
        const back = await stack.current().preview({ onOutput: stack.capture });
        assert.match(back.stdout, /this pod template is the stable version's: it finishes the rollback/);
        prometheus.set(GOOD);
        const up = await stack.current().up({ onOutput: stack.capture });
        assert.strictEqual(up.outputs.liveSummary.value, "Healthy, fully promoted");
        const v = view();
        assert.ok(healthy("pay:2")(v) && !v.abort, JSON.stringify(v));
        assert.deepStrictEqual(vsWeights(cluster, NAME, "primary"), [100, 0]);
    });
});
