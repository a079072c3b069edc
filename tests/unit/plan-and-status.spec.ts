// The human plan of a release and the live status seam (summary of a Rollout's status).
import * as assert from "assert";
import type { CanaryDeliveryArgs } from "../../provider/src/args";
import { humanDuration, pauseSeconds } from "../../provider/src/core/duration";
import { stageOf } from "../../provider/src/core/status";
import { summarizeRolloutStatus } from "../../provider/src/live/status";
import { render } from "../helpers/render";

const image = "ghcr.io/acme/shop:1.0";
const prometheus = { address: "http://prometheus:9090" };
const plan = (changes: Partial<CanaryDeliveryArgs>) =>
    render("shop", { template: { image }, steps: [], ...changes } as CanaryDeliveryArgs).manifests.plan;

describe("plan", () => {
    it("reads like the issue's example", () => {
        const p = plan({
            istio: {},
            analysis: { prometheus, successRate: {} },
            steps: [{ weight: 10, pause: "5m", analysis: true }, { weight: 30 }, { weight: 100 }],
        });
        assert.strictEqual(p.summary, "10% for 5m, analysis, 30% until promoted, 100%; full promotion after at least 9m, plus 1 manual promotion at stage 2");
        assert.deepStrictEqual(p.stages, ["10% for 5m, analysis", "30% until promoted", "100% (full promotion after at least 9m, plus 1 manual promotion at stage 2)"]);
    });
    it("ends with the promotion the controller does after the last stage", () => assert.strictEqual(plan({ steps: [{ weight: 20, pause: "1h" }] }).summary, "20% for 1h, 100%; full promotion after at least 1h"));
    it("no stages: straight to 100%", () => assert.strictEqual(plan({}).summary, "100% at once"));
    it("shows canary scale, request matches and background analysis", () => {
        const p = plan({
            istio: { matches: [{ on: "header", name: "x-canary", exact: "yes" }] },
            analysis: { prometheus, successRate: {}, background: { startingStep: 1 } },
            steps: [{ weight: 0, setCanaryScale: { replicas: 1 } }, { weight: 50, pause: "90s" }],
        });
        assert.strictEqual(p.summary, '0% (canary at 1 pod) until promoted, 50% for 1m30s, 100%; requests with header x-canary = "yes" go to the canary; background analysis from stage 2; full promotion after at least 1m30s, plus 1 manual promotion at stage 1');
    });
});

describe("durations", () => {
    it("pause seconds: Go durations and bare seconds", () => {
        assert.deepStrictEqual(["5m", "1h30m", "90", "1.5h", "250ms", "5 m"].map(pauseSeconds), [300, 5400, 90, 5400, 0.25, undefined]);
    });
    it("human form", () => assert.deepStrictEqual([30, 300, 5400, 3661].map(humanDuration), ["30s", "5m", "1h30m", "1h1m1s"]));
});

describe("live status", () => {
    // Stages: [setWeight, pause] [setWeight, analysis] [setWeight, pause]
    const layout = { stageStart: [0, 2, 4], argoStepCount: 6 };
    it("unknown before the Rollout has a status", () => assert.deepStrictEqual(summarizeRolloutStatus(undefined, layout), { known: false, stageCount: 3 }));
    it("paused at stage 2 of 3, canary at 30%", () => {
        const s = summarizeRolloutStatus(
            {
                phase: "Paused",
                message: "CanaryPauseStep",
                currentStepIndex: 3,
                pauseConditions: [{ reason: "CanaryPauseStep" }],
                stableRS: "abc",
                currentPodHash: "def",
                canary: { weights: { canary: { weight: 30 } } },
            },
            layout,
        );
        assert.deepStrictEqual(s, {
            known: true,
            phase: "Paused",
            message: "CanaryPauseStep",
            currentStage: 1,
            stageCount: 3,
            currentStepIndex: 3,
            canaryWeight: 30,
            paused: true,
            aborted: false,
            fullyPromoted: false,
        });
    });
    it("fully promoted and healthy after the last step", () => {
        const s = summarizeRolloutStatus({ phase: "Healthy", currentStepIndex: 6, stableRS: "abc", currentPodHash: "abc" }, layout);
        assert.deepStrictEqual([s.currentStage, s.fullyPromoted, s.paused], [3, true, false]);
    });
    it("aborted", () => assert.strictEqual(summarizeRolloutStatus({ phase: "Degraded", abort: true }, layout).aborted, true));
    it("a stage with no Argo step does not own the next stage's steps", () => {
        assert.strictEqual(stageOf(2, { stageStart: [0, 2, 2], argoStepCount: 4 }), 2);
    });
    it("the component's layout maps Argo steps to stages", () => {
        const { manifests } = render("shop", { template: { image }, steps: [{ weight: 10, pause: "1m" }, { weight: 50 }, { weight: 100 }] });
        assert.deepStrictEqual(manifests.layout, { stageStart: [0, 2, 4], argoStepCount: 5 });
    });
});

describe("preset thresholds", () => {
    it("are written without floating point noise", () => {
        const { manifests } = render("shop", {
            template: { image },
            istio: {},
            analysis: { prometheus, successRate: { minPercent: 99.9 }, latency: { percentile: 99.9 } },
            steps: [{ weight: 10 }],
        });
        const text = JSON.stringify(manifests.children.filter((c) => c.kind === "AnalysisTemplate").map((c) => c.manifest));
        assert.ok(text.includes("result[0] >= 0.999"), "success threshold");
        assert.ok(text.includes("histogram_quantile(0.999,"), "latency percentile");
        assert.ok(!/0\.99900000/.test(text));
    });
});
