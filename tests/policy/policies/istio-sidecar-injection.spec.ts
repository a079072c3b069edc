import * as assert from "assert";
import { istioSidecarInjection } from "../../../policy/src/pack";
import { ResourceSpec, runStackPolicy, urnFor } from "../helpers/harness";
import { CANARY_DELIVERY, DEPLOYMENT, NAMESPACE, ROLLOUT, deployment, find, hostSplitStack, istioHostRollout, nginxRollout } from "../helpers/manifests";

/** The release as the CanaryDelivery component renders it, in a namespace that lives outside the stack. */
function componentStack(namespaceLabels: Record<string, string> | undefined): ResourceSpec[] {
    return [
        { type: CANARY_DELIVERY, name: "checkout", props: { namespace: "shop", releaseName: "checkout", ...(namespaceLabels ? { namespaceLabels } : {}) } },
        { type: ROLLOUT, name: "checkout-rollout", parent: "checkout", props: istioHostRollout() },
    ];
}

describe("canary-istio-sidecar-injection", () => {
    it("passes a Rollout in a namespace of the stack labelled istio-injection=enabled", async () => {
        assert.deepStrictEqual((await runStackPolicy(istioSidecarInjection, hostSplitStack())).messages, []);
    });

    it("passes a namespace labelled with a revision", async () => {
        const stack = hostSplitStack();
        find(stack, NAMESPACE, "shop").metadata.labels = { "istio.io/rev": "1-27" };
        assert.deepStrictEqual((await runStackPolicy(istioSidecarInjection, stack)).messages, []);
    });

    it("fails a namespace of the stack without the label, once, on the Namespace, naming every Rollout", async () => {
        const stack = hostSplitStack();
        find(stack, NAMESPACE, "shop").metadata.labels = { team: "checkout" };
        stack.push({ type: ROLLOUT, name: "cart", props: istioHostRollout("cart") });
        const result = await runStackPolicy(istioSidecarInjection, stack);
        assert.deepStrictEqual(result.messages, [
            `Namespace "shop" (declared in this stack, metadata.labels) has neither istio-injection=enabled nor istio.io/rev=<revision>, ` +
                `but Rollout "shop/checkout", Rollout "shop/cart" route traffic with Istio: their pods would start without the Istio sidecar. ` +
                `Add the label, or list "shop" in meshNamespaces of the canary-istio-namespace-label policy with enforcement level "remediate".`,
        ]);
        assert.strictEqual(result.violations[0].urn, urnFor(NAMESPACE, "shop"));
        assert.strictEqual(result.violations[0].level, "mandatory");
    });

    it("fails istio-injection=disabled even with a revision label (istio-injection wins)", async () => {
        const stack = hostSplitStack();
        find(stack, NAMESPACE, "shop").metadata.labels = { "istio-injection": "disabled", "istio.io/rev": "1-27" };
        assert.match((await runStackPolicy(istioSidecarInjection, stack)).messages[0], /has istio-injection=disabled, but Rollout "shop\/checkout" routes/);
    });

    it("ignores Rollouts not routed by Istio", async () => {
        const stack: ResourceSpec[] = [
            { type: NAMESPACE, name: "shop", props: { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } } },
            { type: ROLLOUT, name: "web", props: nginxRollout() },
        ];
        assert.deepStrictEqual((await runStackPolicy(istioSidecarInjection, stack)).messages, []);
    });

    describe("namespace outside the stack, seen through the component's namespaceLabels output", () => {
        it("passes when the live labels enable injection", async () => {
            const result = await runStackPolicy(istioSidecarInjection, componentStack({ "istio-injection": "enabled" }));
            assert.deepStrictEqual(result.messages, []);
        });

        it("fails when the live labels do not, pointing at the component", async () => {
            const result = await runStackPolicy(istioSidecarInjection, componentStack({ "kubernetes.io/metadata.name": "shop" }));
            assert.deepStrictEqual(result.messages, [
                `Namespace "shop" (outside this stack; live labels exposed by CanaryDelivery "checkout" as namespaceLabels) has neither ` +
                    `istio-injection=enabled nor istio.io/rev=<revision>, but Rollout "shop/checkout" routes traffic with Istio: ` +
                    `its pods would start without the Istio sidecar. Label the namespace where it is managed.`,
            ]);
            assert.strictEqual(result.violations[0].urn, urnFor(CANARY_DELIVERY, "checkout"));
        });

        it("says nothing when the labels are not visible anywhere", async () => {
            assert.deepStrictEqual((await runStackPolicy(istioSidecarInjection, componentStack(undefined))).messages, []);
        });
    });

    it("reads the labels a NamespacePatch in the stack sets on a namespace it does not own", async () => {
        const patched = (labels: Record<string, string>): ResourceSpec[] => [
            { type: "kubernetes:core/v1:NamespacePatch", name: "shop-mesh", props: { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop", labels } } },
            { type: ROLLOUT, name: "checkout", props: istioHostRollout() },
        ];
        const options = { config: { reportUnverifiable: true } };
        assert.deepStrictEqual((await runStackPolicy(istioSidecarInjection, patched({ "istio.io/rev": "1-27" }), options)).messages, []);
        assert.match(
            (await runStackPolicy(istioSidecarInjection, patched({ "istio-injection": "disabled" }), options)).messages[0],
            /^Namespace "shop" \(labelled by a NamespacePatch in this stack, metadata.labels\) has istio-injection=disabled/,
        );
        assert.match((await runStackPolicy(istioSidecarInjection, patched({ team: "a" }), options)).messages[0], /sidecar injection cannot be checked/);
    });

    it("fails pods that opt out of the sidecar, in the Rollout or in the adopted Deployment", async () => {
        const stack = hostSplitStack();
        find(stack, ROLLOUT, "checkout").spec.template.metadata.annotations = { "sidecar.istio.io/inject": "false" };
        const adopted = istioHostRollout("cart");
        delete adopted.spec.template;
        adopted.spec.workloadRef = { apiVersion: "apps/v1", kind: "Deployment", name: "cart", scaleDown: "onsuccess" };
        const cart = deployment("cart");
        cart.spec.template.metadata.labels["sidecar.istio.io/inject"] = "false";
        stack.push({ type: ROLLOUT, name: "cart", props: adopted }, { type: DEPLOYMENT, name: "cart", props: cart });
        const result = await runStackPolicy(istioSidecarInjection, stack);
        assert.deepStrictEqual(result.messages, [
            `Rollout "shop/checkout" routes traffic with Istio but spec.template.metadata.annotations["sidecar.istio.io/inject"] is "false": its pods opt out of the sidecar.`,
            `Deployment "shop/cart", adopted by Rollout "shop/cart" through spec.workloadRef, has spec.template.metadata.labels["sidecar.istio.io/inject"] "false": ` +
                `the Rollout routes traffic with Istio but its pods opt out of the sidecar.`,
        ]);
    });

    describe("config", () => {
        it("reportUnverifiable reports a namespace the pack cannot see", async () => {
            const result = await runStackPolicy(istioSidecarInjection, componentStack(undefined), { config: { reportUnverifiable: true } });
            assert.deepStrictEqual(result.messages, [
                `Rollout "shop/checkout" routes traffic with Istio in namespace "shop", which is not declared in this stack and whose labels ` +
                    `no CanaryDelivery exposes (namespaceLabels): sidecar injection cannot be checked.`,
            ]);
        });
        it("acceptAmbient accepts an ambient-mode namespace", async () => {
            const stack = hostSplitStack();
            find(stack, NAMESPACE, "shop").metadata.labels = { "istio.io/dataplane-mode": "ambient" };
            assert.strictEqual((await runStackPolicy(istioSidecarInjection, stack)).messages.length, 1);
            assert.deepStrictEqual((await runStackPolicy(istioSidecarInjection, stack, { config: { acceptAmbient: true } })).messages, []);
        });
        it("exclude skips a Rollout", async () => {
            const stack = hostSplitStack();
            find(stack, NAMESPACE, "shop").metadata.labels = {};
            assert.deepStrictEqual((await runStackPolicy(istioSidecarInjection, stack, { config: { exclude: ["shop/checkout"] } })).messages, []);
        });
        it("enforcementLevel advisory downgrades the violation", async () => {
            const stack = hostSplitStack();
            find(stack, NAMESPACE, "shop").metadata.labels = {};
            assert.strictEqual((await runStackPolicy(istioSidecarInjection, stack, { config: "advisory" })).violations[0].level, "advisory");
        });
    });
});
