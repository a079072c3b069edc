import * as assert from "assert";
import { indefinitePause } from "../../../policy/src/pack";
import { runResourcePolicy, withStackConfig } from "../helpers/harness";
import { ROLLOUT, istioHostRollout } from "../helpers/manifests";

const withIndefinitePause = () => {
    const props = istioHostRollout();
    props.spec.strategy.canary.steps[1] = { pause: {} };
    return { type: ROLLOUT, name: "r", props };
};
const automated = { config: { automatedStacks: ["ci-*"] }, stack: "ci-main" };

describe("canary-indefinite-pause", () => {
    it("passes timed pauses in an automated stack", async () => {
        assert.deepStrictEqual((await runResourcePolicy(indefinitePause, { type: ROLLOUT, name: "r", props: istioHostRollout() }, automated)).messages, []);
    });

    it("reports pause: {} in an automated stack as advisory", async () => {
        const result = await runResourcePolicy(indefinitePause, withIndefinitePause(), automated);
        assert.deepStrictEqual(result.messages, [
            `Rollout "shop/checkout": spec.strategy.canary.steps[1].pause has no duration, so the release waits for a manual promotion, ` +
                `but stack "ci-main" is configured as fully automated; give the pause a duration or gate the step with an analysis.`,
        ]);
        assert.strictEqual(result.violations[0].level, "advisory");
    });

    it("does not apply to stacks not configured as automated (none by default)", async () => {
        assert.ok((await runResourcePolicy(indefinitePause, withIndefinitePause(), { stack: "ci-main" })).notApplicable);
        assert.ok((await runResourcePolicy(indefinitePause, withIndefinitePause(), { ...automated, stack: "staging" })).notApplicable);
    });

    describe("config", () => {
        it("automatedStackTags selects stacks by tag; * only requires the tag", async () => {
            const options = { config: { automatedStackTags: { "delivery:automated": "*" } }, stackTags: { "delivery:automated": "yes" } };
            assert.strictEqual((await runResourcePolicy(indefinitePause, withIndefinitePause(), options)).messages.length, 1);
        });
        it("automatedConfigKey: the stack marks itself with canary-delivery:automated=true", async () => {
            const result = await withStackConfig({ "canary-delivery:automated": "true" }, () =>
                runResourcePolicy(indefinitePause, withIndefinitePause(), { stack: "nightly" }),
            );
            assert.match(result.messages[0], /stack "nightly" is configured as fully automated/);
        });
        it("enforcementLevel mandatory makes it blocking", async () => {
            const result = await runResourcePolicy(indefinitePause, withIndefinitePause(), { ...automated, config: { ...automated.config, enforcementLevel: "mandatory" } });
            assert.strictEqual(result.violations[0].level, "mandatory");
        });
        it("exclude skips a Rollout", async () => {
            const result = await runResourcePolicy(indefinitePause, withIndefinitePause(), { ...automated, config: { ...automated.config, exclude: ["checkout"] } });
            assert.deepStrictEqual(result.messages, []);
        });
    });
});
