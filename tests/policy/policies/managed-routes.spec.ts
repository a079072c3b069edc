import * as assert from "assert";
import { managedRoutes } from "../../../policy/src/pack";
import { runResourcePolicy } from "../helpers/harness";
import { Manifest, ROLLOUT, istioHostRollout } from "../helpers/manifests";

/** A Rollout that sends beta testers to the canary by header and mirrors 10% of traffic at its first stage. */
function withRoutes(managed: string[]): Manifest {
    const rollout = istioHostRollout();
    const canary = rollout.spec.strategy.canary;
    canary.trafficRouting.managedRoutes = managed.map(name => ({ name }));
    canary.steps.unshift(
        { setHeaderRoute: { name: "beta-users", match: [{ headerName: "x-beta", headerValue: { exact: "true" } }] } },
        { setMirrorRoute: { name: "mirror", percentage: 10, match: [{ method: { exact: "GET" } }] } },
    );
    return rollout;
}

describe("canary-managed-routes", () => {
    it("passes header and mirror routes listed in managedRoutes", async () => {
        const result = await runResourcePolicy(managedRoutes, { type: ROLLOUT, name: "r", props: withRoutes(["beta-users", "mirror"]) });
        assert.deepStrictEqual(result.messages, []);
    });

    it("fails a setHeaderRoute whose name is not managed", async () => {
        const result = await runResourcePolicy(managedRoutes, { type: ROLLOUT, name: "r", props: withRoutes(["mirror"]) });
        assert.deepStrictEqual(result.messages, [
            `Rollout "shop/checkout": spec.strategy.canary.steps[0].setHeaderRoute.name "beta-users" is not listed in ` +
                `spec.strategy.canary.trafficRouting.managedRoutes ([mirror]); the controller rejects the Rollout as InvalidSpec until it is.`,
        ]);
        assert.strictEqual(result.violations[0].level, "mandatory");
    });

    it("fails both routes when managedRoutes is missing", async () => {
        const result = await runResourcePolicy(managedRoutes, { type: ROLLOUT, name: "r", props: withRoutes([]) });
        assert.strictEqual(result.messages.length, 2);
        assert.match(result.messages[1], /steps\[1\]\.setMirrorRoute\.name "mirror" is not listed/);
    });

    it("fails a mirror route without Istio routing", async () => {
        const rollout = withRoutes(["beta-users", "mirror"]);
        rollout.spec.strategy.canary.trafficRouting = { nginx: { stableIngress: "checkout" }, managedRoutes: [{ name: "beta-users" }, { name: "mirror" }] };
        const result = await runResourcePolicy(managedRoutes, { type: ROLLOUT, name: "r", props: rollout });
        assert.deepStrictEqual(result.messages, [
            `Rollout "shop/checkout": spec.strategy.canary.steps[0].setHeaderRoute needs istio, alb, apisix, plugins traffic routing in spec.strategy.canary.trafficRouting; the controller rejects it otherwise.`,
            `Rollout "shop/checkout": spec.strategy.canary.steps[1].setMirrorRoute needs istio traffic routing in spec.strategy.canary.trafficRouting; the controller rejects it otherwise.`,
        ]);
    });

    it("passes a header route through a traffic router plugin (Gateway API), which has no mirror routes", async () => {
        const rollout = withRoutes(["beta-users", "mirror"]);
        rollout.spec.strategy.canary.trafficRouting = {
            plugins: { "argoproj-labs/gatewayAPI": { httpRoutes: [{ name: "checkout", useHeaderRoutes: true }] } },
            managedRoutes: [{ name: "beta-users" }, { name: "mirror" }],
        };
        const result = await runResourcePolicy(managedRoutes, { type: ROLLOUT, name: "r", props: rollout });
        assert.deepStrictEqual(result.messages, [
            `Rollout "shop/checkout": spec.strategy.canary.steps[1].setMirrorRoute needs istio traffic routing in spec.strategy.canary.trafficRouting; the controller rejects it otherwise.`,
        ]);
    });

    it("an empty plugins block routes nothing, as the controller sees it", async () => {
        const rollout = withRoutes(["beta-users", "mirror"]);
        rollout.spec.strategy.canary.steps.splice(1, 1);
        rollout.spec.strategy.canary.trafficRouting = { plugins: {}, managedRoutes: [{ name: "beta-users" }] };
        const result = await runResourcePolicy(managedRoutes, { type: ROLLOUT, name: "r", props: rollout });
        assert.match(result.messages.join("\n"), /^Rollout "shop\/checkout": spec.strategy.canary.steps\[0\].setHeaderRoute needs istio, alb, apisix, plugins traffic routing/);
    });

    describe("config", () => {
        it("exclude skips a Rollout", async () => {
            assert.deepStrictEqual((await runResourcePolicy(managedRoutes, { type: ROLLOUT, name: "r", props: withRoutes([]) }, { config: { exclude: ["checkout"] } })).messages, []);
        });
        it("enforcementLevel advisory downgrades the violation", async () => {
            const result = await runResourcePolicy(managedRoutes, { type: ROLLOUT, name: "r", props: withRoutes(["mirror"]) }, { config: "advisory" });
            assert.strictEqual(result.violations[0].level, "advisory");
        });
    });
});
