import * as assert from "assert";
import { stepWeights } from "../../../policy/src/pack";
import { runResourcePolicy } from "../helpers/harness";
import { ROLLOUT, istioHostRollout } from "../helpers/manifests";

const withSteps = (steps: unknown[], maxTrafficWeight?: number) => {
    const props = istioHostRollout();
    props.spec.strategy.canary.steps = steps;
    if (maxTrafficWeight !== undefined) props.spec.strategy.canary.trafficRouting.maxTrafficWeight = maxTrafficWeight;
    return { type: ROLLOUT, name: "r", props };
};

describe("canary-step-weights", () => {
    it("passes rising weights within 0..100", async () => {
        assert.deepStrictEqual((await runResourcePolicy(stepWeights, { type: ROLLOUT, name: "r", props: istioHostRollout() })).messages, []);
    });

    it("fails a weight above 100", async () => {
        const result = await runResourcePolicy(stepWeights, withSteps([{ setWeight: 20 }, { setWeight: 120 }]));
        assert.deepStrictEqual(result.messages, [`Rollout "shop/checkout": spec.strategy.canary.steps[1].setWeight is 120; weights must be whole numbers within 0..100.`]);
        assert.strictEqual(result.violations[0].level, "mandatory");
    });

    it("fails a decreasing weight, naming both steps", async () => {
        const result = await runResourcePolicy(stepWeights, withSteps([{ setWeight: 50 }, { pause: { duration: "1m" } }, { setWeight: 20 }]));
        assert.deepStrictEqual(result.messages, [
            `Rollout "shop/checkout": spec.strategy.canary.steps[2].setWeight is 20, lower than spec.strategy.canary.steps[0].setWeight (50); weights must not decrease.`,
        ]);
    });

    it("fails fractional and negative weights and a canary scale above 100", async () => {
        const result = await runResourcePolicy(stepWeights, withSteps([{ setWeight: 12.5 }, { setWeight: -1 }, { setCanaryScale: { weight: 150 } }]));
        assert.deepStrictEqual(result.messages, [
            `Rollout "shop/checkout": spec.strategy.canary.steps[0].setWeight is 12.5; weights must be whole numbers within 0..100.`,
            `Rollout "shop/checkout": spec.strategy.canary.steps[1].setWeight is -1; weights must be whole numbers within 0..100.`,
            `Rollout "shop/checkout": spec.strategy.canary.steps[2].setCanaryScale.weight is 150; it must be a whole number within 0..100.`,
        ]);
    });

    it("uses maxTrafficWeight as the upper bound when set", async () => {
        assert.deepStrictEqual((await runResourcePolicy(stepWeights, withSteps([{ setWeight: 500 }], 1000))).messages, []);
        assert.match((await runResourcePolicy(stepWeights, withSteps([{ setWeight: 1500 }], 1000))).messages[0], /within 0\.\.1000/);
    });

    describe("config", () => {
        it("allowDecreasing permits a lower weight", async () => {
            const steps = withSteps([{ setWeight: 50 }, { setWeight: 20 }]);
            assert.deepStrictEqual((await runResourcePolicy(stepWeights, steps, { config: { allowDecreasing: true } })).messages, []);
        });
        it("enforcementLevel advisory downgrades the violation", async () => {
            const result = await runResourcePolicy(stepWeights, withSteps([{ setWeight: 120 }]), { config: "advisory" });
            assert.strictEqual(result.violations[0].level, "advisory");
        });
    });
});
