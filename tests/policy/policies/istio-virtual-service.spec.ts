import * as assert from "assert";
import { istioVirtualService } from "../../../policy/src/pack";
import { runStackPolicy, urnFor } from "../helpers/harness";
import { ROLLOUT, VIRTUAL_SERVICE, find, hostSplitStack, subsetSplitStack } from "../helpers/manifests";

describe("canary-istio-virtual-service", () => {
    it("passes the host-level release: route primary has exactly the stable and canary Services", async () => {
        assert.deepStrictEqual((await runStackPolicy(istioVirtualService, hostSplitStack())).messages, []);
    });

    it("passes the subset-level release: route primary has exactly the two subsets of one host", async () => {
        assert.deepStrictEqual((await runStackPolicy(istioVirtualService, subsetSplitStack())).messages, []);
    });

    it("passes fully qualified hosts and an omitted route list with exactly one http route", async () => {
        const stack = hostSplitStack();
        const route = find(stack, VIRTUAL_SERVICE, "checkout").spec.http[0].route;
        route[0].destination.host = "checkout-stable.shop.svc.cluster.local";
        delete find(stack, ROLLOUT, "checkout").spec.strategy.canary.trafficRouting.istio.virtualService.routes;
        assert.deepStrictEqual((await runStackPolicy(istioVirtualService, stack)).messages, []);
    });

    it("fails a route the Rollout names but the VirtualService lacks", async () => {
        const stack = hostSplitStack();
        find(stack, VIRTUAL_SERVICE, "checkout").spec.http[0].name = "main";
        const result = await runStackPolicy(istioVirtualService, stack);
        assert.deepStrictEqual(result.messages, [
            `VirtualService "shop/checkout" has no http route named "primary" (named by Rollout "shop/checkout" in ` +
                `spec.strategy.canary.trafficRouting.istio.virtualService.routes); spec.http has [main].`,
        ]);
        assert.strictEqual(result.violations[0].urn, urnFor(VIRTUAL_SERVICE, "checkout"));
        assert.strictEqual(result.violations[0].level, "mandatory");
    });

    it("fails an omitted route list when there are several http routes", async () => {
        const stack = hostSplitStack();
        const vs = find(stack, VIRTUAL_SERVICE, "checkout");
        vs.spec.http.unshift({ name: "api", match: [{ uri: { prefix: "/api" } }], route: [{ destination: { host: "api" } }] });
        delete find(stack, ROLLOUT, "checkout").spec.strategy.canary.trafficRouting.istio.virtualService.routes;
        assert.deepStrictEqual((await runStackPolicy(istioVirtualService, stack)).messages, [
            `VirtualService "shop/checkout" has 2 http routes in spec.http, but Rollout "shop/checkout" leaves ` +
                `spec.strategy.canary.trafficRouting.istio.virtualService.routes empty, which Argo Rollouts allows only when there is exactly one; list the route names.`,
        ]);
    });

    it("fails a route whose destinations are not exactly canary and stable", async () => {
        const stack = hostSplitStack();
        const route = find(stack, VIRTUAL_SERVICE, "checkout").spec.http[0].route;
        route[1].destination.host = "checkout";
        assert.deepStrictEqual((await runStackPolicy(istioVirtualService, stack)).messages, [
            `VirtualService "shop/checkout" spec.http[0] ("primary").route, driven by Rollout "shop/checkout", has destinations ` +
                `[checkout-stable (weight 100), checkout (weight 0)]; it must have exactly two destinations, the canary Service "checkout-canary" ` +
                `and the stable Service "checkout-stable" (host-level split).`,
        ]);
    });

    it("fails a third destination and weights that do not add up to 100", async () => {
        const stack = hostSplitStack();
        find(stack, VIRTUAL_SERVICE, "checkout").spec.http[0].route.push({ destination: { host: "checkout-legacy" }, weight: 10 });
        const result = await runStackPolicy(istioVirtualService, stack);
        assert.strictEqual(result.messages.length, 2);
        assert.match(result.messages[0], /has destinations \[checkout-stable \(weight 100\), checkout-canary \(weight 0\), checkout-legacy \(weight 10\)\]; it must have exactly two/);
        assert.strictEqual(result.messages[1], `VirtualService "shop/checkout" spec.http[0] ("primary").route weights add up to 110; they must add up to 100.`);
    });

    it("fails subset-level destinations that miss a subset", async () => {
        const stack = subsetSplitStack();
        find(stack, VIRTUAL_SERVICE, "payments").spec.http[0].route[1].destination.subset = "v2";
        assert.match(
            (await runStackPolicy(istioVirtualService, stack)).messages[0],
            /has destinations \[payments\/stable \(weight 100\), payments\/v2 \(weight 0\)\]; it must have exactly two destinations, the subsets "canary" and "stable" of one host \(subset-level split\)/,
        );
    });

    it("follows Argo's <name>.<namespace> reference to a VirtualService in another namespace", async () => {
        const stack = hostSplitStack();
        const vs = find(stack, VIRTUAL_SERVICE, "checkout");
        vs.metadata.namespace = "edge";
        vs.spec.http[0].route[1].destination.host = "checkout-canary.shop.svc.cluster.local";
        vs.spec.http[0].route[0].destination.host = "checkout-stable.edge.svc.cluster.local";
        find(stack, ROLLOUT, "checkout").spec.strategy.canary.trafficRouting.istio.virtualService.name = "checkout.edge";
        assert.match((await runStackPolicy(istioVirtualService, stack)).messages[0], /^VirtualService "edge\/checkout" .*has destinations \[checkout-stable.edge.svc.cluster.local/);
    });

    describe("config", () => {
        it("requireInStack reports a VirtualService that is not declared in the stack (skipped by default)", async () => {
            const stack = hostSplitStack().filter(r => r.type !== VIRTUAL_SERVICE);
            assert.deepStrictEqual((await runStackPolicy(istioVirtualService, stack)).messages, []);
            const result = await runStackPolicy(istioVirtualService, stack, { config: { requireInStack: true } });
            assert.deepStrictEqual(result.messages, [
                `Rollout "shop/checkout": spec.strategy.canary.trafficRouting.istio.virtualService.name names VirtualService "shop/checkout", which is not declared in this stack.`,
            ]);
            assert.strictEqual(result.violations[0].urn, urnFor(ROLLOUT, "checkout"));
        });
        it("exclude skips a Rollout", async () => {
            const stack = hostSplitStack();
            find(stack, VIRTUAL_SERVICE, "checkout").spec.http[0].name = "main";
            assert.deepStrictEqual((await runStackPolicy(istioVirtualService, stack, { config: { exclude: ["checkout"] } })).messages, []);
        });
        it("enforcementLevel advisory downgrades the violation", async () => {
            const stack = hostSplitStack();
            find(stack, VIRTUAL_SERVICE, "checkout").spec.http[0].name = "main";
            assert.strictEqual((await runStackPolicy(istioVirtualService, stack, { config: "advisory" })).violations[0].level, "advisory");
        });
    });
});
