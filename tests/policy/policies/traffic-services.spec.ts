import * as assert from "assert";
import { trafficServices } from "../../../policy/src/pack";
import { runResourcePolicy } from "../helpers/harness";
import { ROLLOUT, istioHostRollout, istioSubsetRollout, nginxRollout } from "../helpers/manifests";

describe("canary-traffic-services", () => {
    it("passes distinct canary and stable Services", async () => {
        assert.deepStrictEqual((await runResourcePolicy(trafficServices, { type: ROLLOUT, name: "r", props: istioHostRollout() })).messages, []);
    });

    it("passes a subset-level split without Services", async () => {
        assert.deepStrictEqual((await runResourcePolicy(trafficServices, { type: ROLLOUT, name: "r", props: istioSubsetRollout() })).messages, []);
    });

    it("fails the same Service as canary and stable", async () => {
        const rollout = istioHostRollout();
        rollout.spec.strategy.canary.canaryService = "checkout-stable";
        const result = await runResourcePolicy(trafficServices, { type: ROLLOUT, name: "r", props: rollout });
        assert.deepStrictEqual(result.messages, [
            `Rollout "shop/checkout": spec.strategy.canary.canaryService and stableService are both "checkout-stable"; they must be different Services.`,
        ]);
        assert.strictEqual(result.violations[0].level, "mandatory");
    });

    it("fails a missing canaryService with Nginx routing", async () => {
        const rollout = nginxRollout();
        delete rollout.spec.strategy.canary.canaryService;
        assert.deepStrictEqual((await runResourcePolicy(trafficServices, { type: ROLLOUT, name: "r", props: rollout })).messages, [
            `Rollout "shop/web": spec.strategy.canary.canaryService must be set with nginx traffic routing.`,
        ]);
    });

    describe("config", () => {
        it("exclude and enforcementLevel change the outcome", async () => {
            const rollout = istioHostRollout();
            delete rollout.spec.strategy.canary.stableService;
            delete rollout.spec.strategy.canary.canaryService;
            const base = await runResourcePolicy(trafficServices, { type: ROLLOUT, name: "r", props: rollout });
            assert.deepStrictEqual(base.messages, [`Rollout "shop/checkout": spec.strategy.canary.canaryService and stableService must be set with Istio host-level traffic routing.`]);
            assert.deepStrictEqual((await runResourcePolicy(trafficServices, { type: ROLLOUT, name: "r", props: rollout }, { config: { exclude: ["shop/*"] } })).messages, []);
            assert.ok((await runResourcePolicy(trafficServices, { type: ROLLOUT, name: "r", props: rollout }, { config: "disabled" })).disabled);
        });
    });
});
