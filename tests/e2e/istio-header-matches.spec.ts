// Istio header matches under the real Argo Rollouts controller: the docs say a request that satisfies
// any one match goes to the canary. Argo's Istio router writes the managed route of a setHeaderRoute
// step with one HTTPMatchRequest per match, and Istio ORs the entries of `match` (it ANDs only the
// conditions inside one entry), so two header matches must come out as two entries of one header
// each. Read back here from the VirtualService the controller wrote, and the route gone once the
// release is fully promoted.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { observed, promote, readObject, releaseProgram, rolloutView, useEndToEnd, VIRTUAL_SERVICE, waitUntil } from "./helpers";

const NAME = "shop";
const NAMESPACE = "e2e-istio-matches";
const MATCH_ROUTE = "canary-match";

const httpRoutes = (vs: any): any[] => vs?.spec?.http ?? [];

describe("e2e: Istio header matches are alternatives (one HTTPMatchRequest each, written by the real controller)", function () {
    this.timeout(600_000);
    const { cluster, stack } = useEndToEnd(NAMESPACE, {
        program: releaseProgram(NAME, NAMESPACE, () => ({
            replicas: 2,
            template: { ports: [{ name: "http", containerPort: 8080 }] },
            istio: { matches: [{ on: "header", name: "x-canary", exact: "yes" }, { on: "header", name: "x-beta-user", regex: "true|1" }] },
            steps: [{ weight: 20, pause: "" }, { weight: 100 }],
        }), (release) => ({ canaryServiceName: release.canaryServiceName, plan: release.plan })),
        stackName: "istio-matches", config: { image: "shop:1" },
    });
    const view = () => rolloutView(cluster, NAME);
    const virtualService = () => readObject(cluster, VIRTUAL_SERVICE, NAME);
    const matchRoute = () => httpRoutes(virtualService()).find((h) => h.name === MATCH_ROUTE);

    it("the docs and the plan say any one match is enough", async () => {
        const reference = fs.readFileSync(path.join(__dirname, "..", "..", "provider", "REFERENCE.md"), "utf8");
        const istioMatches = reference.split("\n").find((l) => l.startsWith("| `matches` |") && l.includes("HTTPMatchRequest"));
        assert.match(istioMatches ?? "", /a request that satisfies any one match goes to the canary/);
        const up = await stack.current().up({ onOutput: stack.capture });
        assert.match(up.outputs.plan.value, /requests with header x-canary = "yes" or header x-beta-user ~ \/true\|1\/ go to the canary/);
        await waitUntil("first release Healthy", view, (v) => observed(v) && v.phase === "Healthy" && v.stableRS === v.currentPodHash);
        assert.strictEqual(matchRoute(), undefined, "no managed route outside a release");
    });

    it("an image change: at stage 1 the controller's managed route has two HTTPMatchRequests of one header each, to the canary", async () => {
        await stack.current().setConfig("image", { value: "shop:2" });
        const up = await stack.current().up({ onOutput: stack.capture });
        await waitUntil("paused at stage 1 after the setHeaderRoute step", view,
            (v) => observed(v) && v.phase === "Paused" && v.currentStepIndex === 2);
        const route = matchRoute();
        assert.ok(route, `the controller wrote no ${MATCH_ROUTE} route: ${JSON.stringify(httpRoutes(virtualService()))}`);
        // Two entries of `match`, which Istio ORs; each holds one header condition, so neither needs the other.
        assert.deepStrictEqual(route.match, [
            { headers: { "x-canary": { exact: "yes" } } },
            { headers: { "x-beta-user": { regex: "true|1" } } },
        ]);
        assert.deepStrictEqual(route.route.map((d: any) => [d.destination.host, d.weight]), [[up.outputs.canaryServiceName.value, 100]]);
        // Istio takes the first http route that matches: the managed route is ahead of the weighted one.
        assert.deepStrictEqual(httpRoutes(virtualService()).map((h) => h.name), [MATCH_ROUTE, "primary"]);
    });

    it("promoted to the end: the controller removes the managed route", async () => {
        promote(cluster, NAME);
        await waitUntil("Healthy, fully promoted, managed route removed", () => ({ rollout: view(), route: matchRoute() }),
            ({ rollout: v, route }) => observed(v) && v.phase === "Healthy" && v.stableRS === v.currentPodHash && route === undefined);
        assert.deepStrictEqual(httpRoutes(virtualService()).map((h) => h.name), ["primary"]);
    });

    it("destroy removes the release", async () => {
        const res = await stack.current().destroy({ onOutput: stack.capture });
        assert.strictEqual(res.summary.result, "succeeded");
        assert.strictEqual(virtualService(), undefined);
    });
});
