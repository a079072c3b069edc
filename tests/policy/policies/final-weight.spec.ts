import * as assert from "assert";
import { finalWeight } from "../../../policy/src/pack";
import { runResourcePolicy } from "../helpers/harness";
import { ROLLOUT, istioHostRollout } from "../helpers/manifests";

/** The fixture's Rollout with these steps and no background analysis (nothing gates its last weight). */
const withSteps = (steps: unknown[]) => {
    const props = istioHostRollout();
    props.spec.strategy.canary.steps = steps;
    delete (props.spec.strategy.canary as Record<string, unknown>).analysis;
    return { type: ROLLOUT, name: "r", props };
};

describe("canary-final-weight", () => {
    it("passes steps ending at 100", async () => {
        assert.deepStrictEqual((await runResourcePolicy(finalWeight, { type: ROLLOUT, name: "r", props: istioHostRollout() })).messages, []);
    });

    it("passes steps ending with a pause for promotion", async () => {
        assert.deepStrictEqual((await runResourcePolicy(finalWeight, withSteps([{ setWeight: 20 }, { pause: {} }]))).messages, []);
    });

    it("passes a Rollout without steps (promoted at once by design)", async () => {
        assert.deepStrictEqual((await runResourcePolicy(finalWeight, withSteps([]))).messages, []);
    });

    it("reports, as advisory, a last weight of 20 followed by a timed pause", async () => {
        const result = await runResourcePolicy(finalWeight, withSteps([{ setWeight: 20 }, { pause: { duration: "10m" } }]));
        assert.deepStrictEqual(result.messages, [
            `Rollout "shop/checkout": the last setWeight (spec.strategy.canary.steps[0].setWeight) is 20, below the intended 100; ` +
                `after the last step the controller sends all traffic to the new version at once. End with setWeight: 100, or with pause: {} so that someone promotes it.`,
        ]);
        assert.strictEqual(result.violations[0].level, "advisory");
    });

    it("passes a last weight gated by a step analysis after it", async () => {
        const steps = [{ setWeight: 20 }, { pause: { duration: "10m" } }, { setWeight: 60 }, { pause: { duration: "5m" } }, { analysis: { templates: [{ templateName: "t" }] } }];
        assert.deepStrictEqual((await runResourcePolicy(finalWeight, withSteps(steps))).messages, []);
    });

    it("passes a last weight watched by a background analysis (the component's normal release), not one started after it", async () => {
        const withBackground = (startingStep: number | undefined, steps: unknown[]) => {
            const r = withSteps(steps);
            (r.props.spec.strategy.canary as Record<string, unknown>).analysis = { templates: [{ templateName: "t" }], ...(startingStep === undefined ? {} : { startingStep }) };
            return r;
        };
        const steps = [{ setWeight: 10 }, { pause: { duration: "5m" } }, { setWeight: 60 }, { pause: { duration: "10m" } }];
        assert.deepStrictEqual((await runResourcePolicy(finalWeight, withBackground(undefined, steps))).messages, []);
        assert.deepStrictEqual((await runResourcePolicy(finalWeight, withBackground(2, steps))).messages, []);
        // Nothing runs after the last weight: the controller promotes at once, the analysis gates nothing.
        assert.strictEqual((await runResourcePolicy(finalWeight, withBackground(0, [{ setWeight: 10 }, { pause: { duration: "5m" } }, { setWeight: 60 }]))).messages.length, 1);
    });

    it("does not count a promotion pause that comes before the last weight", async () => {
        const result = await runResourcePolicy(finalWeight, withSteps([{ pause: {} }, { setWeight: 40 }]));
        assert.strictEqual(result.messages.length, 1);
    });

    describe("config", () => {
        it("finalWeight lowers the intended weight", async () => {
            const steps = withSteps([{ setWeight: 20 }, { pause: { duration: "10m" } }, { setWeight: 50 }, { pause: { duration: "10m" } }]);
            assert.strictEqual((await runResourcePolicy(finalWeight, steps)).messages.length, 1);
            assert.deepStrictEqual((await runResourcePolicy(finalWeight, steps, { config: { finalWeight: 50 } })).messages, []);
        });
        it("allowPromotionPause false requires the weight itself", async () => {
            const result = await runResourcePolicy(finalWeight, withSteps([{ setWeight: 20 }, { pause: {} }]), { config: { allowPromotionPause: false } });
            assert.deepStrictEqual(result.messages, [
                `Rollout "shop/checkout": the last setWeight (spec.strategy.canary.steps[0].setWeight) is 20, below the intended 100; ` +
                    `after the last step the controller sends all traffic to the new version at once. End with setWeight: 100.`,
            ]);
        });
        it("enforcementLevel mandatory makes it blocking", async () => {
            const result = await runResourcePolicy(finalWeight, withSteps([{ setWeight: 20 }]), { config: "mandatory" });
            assert.strictEqual(result.violations[0].level, "mandatory");
        });
    });
});
