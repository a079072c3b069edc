import * as assert from "assert";
import { serviceSelectors } from "../../../policy/src/pack";
import { runStackPolicy, urnFor } from "../helpers/harness";
import { DEPLOYMENT, ROLLOUT, SERVICE, deployment, find, hostSplitStack } from "../helpers/manifests";

describe("canary-service-selectors", () => {
    it("passes Services selecting the pod template labels", async () => {
        assert.deepStrictEqual((await runStackPolicy(serviceSelectors, hostSplitStack())).messages, []);
    });

    it("ignores the pod template hash the controller adds to live selectors", async () => {
        const stack = hostSplitStack();
        find(stack, SERVICE, "checkout-canary").spec.selector["rollouts-pod-template-hash"] = "7d9f8b6c5d";
        assert.deepStrictEqual((await runStackPolicy(serviceSelectors, stack)).messages, []);
    });

    it("fails a canary Service whose selector matches no pod of the release, on the Service", async () => {
        const stack = hostSplitStack();
        find(stack, SERVICE, "checkout-canary").spec.selector = { app: "checkout", track: "canary" };
        const result = await runStackPolicy(serviceSelectors, stack);
        assert.deepStrictEqual(result.messages, [
            `Service "shop/checkout-canary" (canary Service of Rollout "shop/checkout"): spec.selector track=canary does not match ` +
                `the pod template of Rollout "shop/checkout" (spec.template.metadata.labels: app=checkout), so it selects none of the release's pods.`,
        ]);
        assert.strictEqual(result.violations[0].urn, urnFor(SERVICE, "checkout-canary"));
        assert.strictEqual(result.violations[0].level, "mandatory");
    });

    it("compares with the adopted Deployment's template when the Rollout uses workloadRef", async () => {
        const stack = hostSplitStack();
        const rollout = find(stack, ROLLOUT, "checkout");
        delete rollout.spec.template;
        rollout.spec.workloadRef = { apiVersion: "apps/v1", kind: "Deployment", name: "checkout-web", scaleDown: "progressively" };
        stack.push({ type: DEPLOYMENT, name: "checkout-web", props: deployment("checkout-web") });
        assert.match(
            (await runStackPolicy(serviceSelectors, stack)).messages[0],
            /spec.selector app=checkout does not match the pod template of Deployment "shop\/checkout-web" \(adopted through spec.workloadRef\) \(spec.template.metadata.labels: app=checkout-web\)/,
        );
    });

    describe("config", () => {
        it("ignoreSelectorKeys leaves chosen keys out of the comparison", async () => {
            const stack = hostSplitStack();
            find(stack, SERVICE, "checkout-stable").spec.selector.track = "stable";
            assert.strictEqual((await runStackPolicy(serviceSelectors, stack)).messages.length, 1);
            const result = await runStackPolicy(serviceSelectors, stack, { config: { ignoreSelectorKeys: ["rollouts-pod-template-hash", "track"] } });
            assert.deepStrictEqual(result.messages, []);
        });
        it("enforcementLevel advisory downgrades the violation", async () => {
            const stack = hostSplitStack();
            find(stack, SERVICE, "checkout-stable").spec.selector.app = "checkout-v1";
            assert.strictEqual((await runStackPolicy(serviceSelectors, stack, { config: "advisory" })).violations[0].level, "advisory");
        });
    });
});
