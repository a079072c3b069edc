import * as assert from "assert";
import { istioDestinationRule } from "../../../policy/src/pack";
import { runStackPolicy, urnFor } from "../helpers/harness";
import { DESTINATION_RULE, find, hostSplitStack, subsetSplitStack } from "../helpers/manifests";

describe("canary-istio-destination-rule", () => {
    it("passes a DestinationRule with both subsets on the routed host", async () => {
        assert.deepStrictEqual((await runStackPolicy(istioDestinationRule, subsetSplitStack())).messages, []);
    });

    it("does not apply to host-level splitting", async () => {
        assert.deepStrictEqual((await runStackPolicy(istioDestinationRule, hostSplitStack())).messages, []);
    });

    it("fails a missing canary subset, on the DestinationRule", async () => {
        const stack = subsetSplitStack();
        find(stack, DESTINATION_RULE, "payments").spec.subsets.pop();
        const result = await runStackPolicy(istioDestinationRule, stack);
        assert.deepStrictEqual(result.messages, [
            `DestinationRule "shop/payments" spec.subsets has [stable], without the canary subset "canary" that Rollout "shop/payments" ` +
                `names in spec.strategy.canary.trafficRouting.istio.destinationRule.canarySubsetName.`,
        ]);
        assert.strictEqual(result.violations[0].urn, urnFor(DESTINATION_RULE, "payments"));
        assert.strictEqual(result.violations[0].level, "mandatory");
    });

    it("fails a host that is not the one the routes send to", async () => {
        const stack = subsetSplitStack();
        find(stack, DESTINATION_RULE, "payments").spec.host = "payments-v2.shop.svc.cluster.local";
        assert.deepStrictEqual((await runStackPolicy(istioDestinationRule, stack)).messages, [
            `DestinationRule "shop/payments" spec.host "payments-v2.shop.svc.cluster.local" does not match host "payments" of ` +
                `VirtualService "shop/payments" spec.http[0], which Rollout "shop/payments" splits by subset: the subsets would apply to another service.`,
        ]);
    });

    it("accepts the same host written short and fully qualified", async () => {
        const stack = subsetSplitStack();
        find(stack, DESTINATION_RULE, "payments").spec.host = "payments.shop.svc.cluster.local";
        assert.deepStrictEqual((await runStackPolicy(istioDestinationRule, stack)).messages, []);
    });

    describe("config", () => {
        it("requireInStack reports a DestinationRule not declared in the stack (skipped by default)", async () => {
            const stack = subsetSplitStack().filter(r => r.type !== DESTINATION_RULE);
            assert.deepStrictEqual((await runStackPolicy(istioDestinationRule, stack)).messages, []);
            assert.deepStrictEqual((await runStackPolicy(istioDestinationRule, stack, { config: { requireInStack: true } })).messages, [
                `Rollout "shop/payments": spec.strategy.canary.trafficRouting.istio.destinationRule.name names DestinationRule "shop/payments", which is not declared in this stack.`,
            ]);
        });
        it("exclude skips a Rollout", async () => {
            const stack = subsetSplitStack();
            find(stack, DESTINATION_RULE, "payments").spec.subsets = [];
            assert.deepStrictEqual((await runStackPolicy(istioDestinationRule, stack, { config: { exclude: ["shop/payments"] } })).messages, []);
        });
        it("enforcementLevel advisory downgrades the violations", async () => {
            const stack = subsetSplitStack();
            find(stack, DESTINATION_RULE, "payments").spec.subsets = [];
            const result = await runStackPolicy(istioDestinationRule, stack, { config: "advisory" });
            assert.deepStrictEqual(result.violations.map(v => v.level), ["advisory", "advisory"]);
        });
    });

});
