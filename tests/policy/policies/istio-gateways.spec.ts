import * as assert from "assert";
import { istioGateways } from "../../../policy/src/pack";
import { runResourcePolicy } from "../helpers/harness";
import { ROLLOUT, VIRTUAL_SERVICE, hostVirtualService, istioHostRollout } from "../helpers/manifests";

const vs = (gateways?: string[]) => {
    const props = hostVirtualService();
    if (gateways) props.spec.gateways = gateways;
    else delete props.spec.gateways;
    return { type: "kubernetes:networking.istio.io/v1beta1:VirtualService", name: "checkout", props };
};

describe("canary-istio-gateways", () => {
    it("passes namespace-qualified gateways and mesh", async () => {
        assert.deepStrictEqual((await runResourcePolicy(istioGateways, { type: VIRTUAL_SERVICE, name: "checkout", props: hostVirtualService() })).messages, []);
    });

    it("passes Istio's <name>.<namespace> form, which Istio reads as qualified", async () => {
        assert.deepStrictEqual((await runResourcePolicy(istioGateways, vs(["public-gateway.istio-system", "gw.ingress.svc.cluster.local", "mesh"]))).messages, []);
    });

    it("passes a VirtualService bound to no gateway (the mesh only)", async () => {
        assert.deepStrictEqual((await runResourcePolicy(istioGateways, vs())).messages, []);
    });

    it("reports an unqualified gateway as advisory, on any served Istio version", async () => {
        const result = await runResourcePolicy(istioGateways, vs(["public-gateway", "mesh"]));
        assert.deepStrictEqual(result.messages, [
            `VirtualService "shop/checkout": spec.gateways[0] "public-gateway" is not namespace-qualified; write "<namespace>/public-gateway" or "mesh" ` +
                `(an unqualified gateway is looked up in the VirtualService's namespace, "shop").`,
        ]);
        assert.strictEqual(result.violations[0].level, "advisory");
    });

    it("does not apply to Rollouts", async () => {
        assert.ok((await runResourcePolicy(istioGateways, { type: ROLLOUT, name: "r", props: istioHostRollout() })).notApplicable);
    });

    describe("config", () => {
        it("requireMesh reports gateway-bound VirtualServices without mesh", async () => {
            const props = vs(["istio-system/public-gateway"]);
            assert.deepStrictEqual((await runResourcePolicy(istioGateways, props)).messages, []);
            assert.deepStrictEqual((await runResourcePolicy(istioGateways, props, { config: { requireMesh: true } })).messages, [
                `VirtualService "shop/checkout": spec.gateways does not include "mesh", so traffic from inside the mesh is not split between canary and stable.`,
            ]);
        });
        it("enforcementLevel mandatory makes it blocking", async () => {
            const result = await runResourcePolicy(istioGateways, vs(["public-gateway"]), { config: "mandatory" });
            assert.strictEqual(result.violations[0].level, "mandatory");
        });
        it("exclude skips a VirtualService", async () => {
            assert.deepStrictEqual((await runResourcePolicy(istioGateways, vs(["gw"]), { config: { exclude: ["shop/*"] } })).messages, []);
        });
    });
});
