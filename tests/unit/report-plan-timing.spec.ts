// The timing rules of a plan: how long a release of these stages takes at the least to reach
// 100%, and which stages wait for a person. The `plan` and `planStages` outputs and the PR
// report say it in the same words.
import * as assert from "assert";
import type { CanaryDeliveryArgs } from "../../provider/src/args";
import { describeTiming } from "../../provider/src/build/plan";
import { render } from "../helpers/render";

const prometheus = { address: "http://prometheus:9090" };
const planOf = (changes: Partial<CanaryDeliveryArgs>) =>
    render("shop", { template: { image: "shop:1" }, steps: [], ...changes } as CanaryDeliveryArgs).manifests.plan;

describe("plan timing", () => {
    it("timed waits are summed", () => {
        const p = planOf({ steps: [{ weight: 10, pause: "5m" }, { weight: 30, pause: "90s" }, { weight: 60, pause: "1h" }] });
        assert.deepStrictEqual(p.timing, { minimumSeconds: 3600 + 300 + 90, manualGates: [] });
        assert.strictEqual(describeTiming(p.timing), "at least 1h6m30s");
        assert.strictEqual(p.summary, "10% for 5m, 30% for 1m30s, 60% for 1h, 100%; full promotion after at least 1h6m30s");
    });

    it("manual gates are counted and named by their stage number, and add no time", () => {
        const p = planOf({ steps: [{ weight: 10, pause: "" }, { weight: 30, pause: "6m" }, { weight: 50, pause: "0" }, { weight: 80, pause: "10m" }] });
        assert.deepStrictEqual(p.timing, { minimumSeconds: 960, manualGates: [1, 3] });
        assert.strictEqual(describeTiming(p.timing), "at least 16m, plus 2 manual promotions at stages 1 and 3");
    });

    it("the issue's example: at least 16 min, plus 1 manual promotion at stage 2", () => {
        const p = planOf({ steps: [{ weight: 10, pause: "6m" }, { weight: 30 }, { weight: 60, pause: "10m" }] });
        assert.strictEqual(describeTiming(p.timing), "at least 16m, plus 1 manual promotion at stage 2");
    });

    it("only gates: no timed waits", () => {
        const p = planOf({ steps: [{ weight: 20 }, { weight: 50, pause: "" }, { weight: 70, pause: "0" }] });
        assert.strictEqual(describeTiming(p.timing), "3 manual promotions at stages 1, 2 and 3, no timed waits");
    });

    it("an analysis-only stage holds the stage for its measurements: the first at once, each further one an interval later", () => {
        // Presets measure `count` (default 5) times every `interval` (default 1m): 4 intervals.
        const p = planOf({ istio: {}, analysis: { prometheus, successRate: {} }, steps: [{ weight: 10, analysis: true }, { weight: 50, pause: "5m" }] });
        assert.deepStrictEqual(p.timing, { minimumSeconds: 4 * 60 + 300, manualGates: [] });
        assert.strictEqual(p.stages[0], "10%, analysis");
    });

    it("a stage with a wait and an analysis takes both, one after the other", () => {
        const p = planOf({ istio: {}, analysis: { prometheus, successRate: {}, interval: "30s", count: 3 }, steps: [{ weight: 10, pause: "2m", analysis: true }] });
        assert.strictEqual(p.timing.minimumSeconds, 120 + 2 * 30);
    });

    it("the slowest metric decides, with its own count, interval and initial delay", () => {
        const p = planOf({
            analysis: {
                prometheus, count: 2, interval: "1m",
                metrics: [
                    { name: "errors", query: "sum(errors)", successCondition: "result[0] < 1" },
                    { name: "saturation", query: "max(cpu)", successCondition: "result[0] < 0.9", count: 4, interval: "2m", initialDelay: "1m" },
                ],
            },
            steps: [{ weight: 25, analysis: true }, { weight: 50, analysis: true }],
        });
        // errors: 1 interval = 1m; saturation: 1m delay + 3 intervals of 2m = 7m; per analysis stage.
        assert.strictEqual(p.timing.minimumSeconds, 2 * 7 * 60);
        assert.strictEqual(describeTiming(p.timing), "at least 14m");
    });

    it("background analysis runs alongside the stages and adds nothing", () => {
        const p = planOf({ istio: {}, analysis: { prometheus, successRate: {}, background: { startingStep: 0 } }, steps: [{ weight: 10, pause: "5m" }] });
        assert.strictEqual(p.timing.minimumSeconds, 300);
    });

    it("the final promotion in planStages carries the timing, also when the last stage is at 100%", () => {
        assert.deepStrictEqual(planOf({ steps: [{ weight: 10, pause: "5m" }, { weight: 50 }] }).stages,
            ["10% for 5m", "50% until promoted", "100% (full promotion after at least 5m, plus 1 manual promotion at stage 2)"]);
        assert.deepStrictEqual(planOf({ steps: [{ weight: 10, pause: "5m" }, { weight: 100 }] }).stages,
            ["10% for 5m", "100% (full promotion after at least 5m)"]);
    });

    it("no waits at all: said so; no stages: 100% at once, nothing to time", () => {
        const instant = planOf({ steps: [{ weight: 100 }] });
        assert.deepStrictEqual([instant.summary, instant.stages], ["100%; full promotion with no waits", ["100% (full promotion with no waits)"]]);
        const none = planOf({});
        assert.deepStrictEqual([none.summary, none.stages, none.timing], ["100% at once", ["100% at once"], { minimumSeconds: 0, manualGates: [] }]);
    });
});
