// Request matches are alternatives with every router: a request that satisfies any one match goes to
// the canary. Each router renders that in its own way (Istio: the entries of one managed route, which
// Istio ORs; Gateway API: one managed route per match, since the plugin ANDs one route's items;
// ingress-nginx: canary-by-header then canary-by-cookie), and the plan says "or" for all of them.
import * as assert from "assert";
import { buildRelease } from "../../provider/src/build";
import type { ArgoStep } from "../../provider/src/core/argo-types";
import { parseArgs } from "../../provider/src/parse";
import { resolve } from "../../provider/src/resolve";
import { base } from "../helpers/problems";

interface Canary { steps: ArgoStep[]; trafficRouting: { managedRoutes?: { name: string }[]; nginx?: { additionalIngressAnnotations?: Record<string, string> } } }

const built = (router: object) => {
    const parsed = parseArgs("shop", { ...base, ...router } as never);
    const release = buildRelease(resolve(parsed.args, parsed.release));
    const rollout = release.children.find((c) => c.kind === "Rollout")!.manifest as never as { spec: { strategy: { canary: Canary } } };
    return { plan: release.plan.summary, canary: rollout.spec.strategy.canary };
};
const headerRoutes = (c: Canary) => c.steps.filter((s) => s.setHeaderRoute).map((s) => s.setHeaderRoute!);

const header = (name: string, exact: string) => ({ on: "header", name, exact });
const gateway = { parentRefs: [{ name: "public", namespace: "gateways" }] };

describe("request matches are alternatives", () => {
    describe("istio: the entries of one managed route (Istio ORs the entries of match)", () => {
        const { plan, canary } = built({ istio: { matches: [header("x-canary", "yes"), { on: "cookie", name: "beta" }, { on: "uri", prefix: "/beta/" }] } });

        it("one setHeaderRoute step, one entry per header or cookie match, each with one header", () => {
            assert.deepStrictEqual(headerRoutes(canary), [{
                name: "canary-match",
                match: [
                    { headerName: "x-canary", headerValue: { exact: "yes" } },
                    { headerName: "cookie", headerValue: { regex: "^(.*?;\\s*)?beta=always(;.*)?$" } },
                ],
            }]);
            assert.deepStrictEqual(canary.trafficRouting.managedRoutes, [{ name: "canary-match" }]);
        });
        it("a cookie is a regex on the Cookie header: the cookie anywhere in the list, with exactly its value", () => {
            const cookie = new RegExp(headerRoutes(canary)[0].match![1].headerValue!.regex!);
            for (const sent of ["beta=always", "a=1; beta=always", "beta=always; b=2", "a=1;beta=always;b=2"]) assert.ok(cookie.test(sent), sent);
            for (const sent of ["beta=never", "xbeta=always", "beta=alwaysx", "a=beta=always"]) assert.ok(!cookie.test(sent), sent);
        });
        it("the plan joins every match with or", () =>
            assert.match(plan, /requests with header x-canary = "yes" or cookie beta = "always" or path starting "\/beta\/" go to the canary/));
    });

    describe("gatewayApi: one managed route per match (the plugin ANDs the items of one route)", () => {
        const { plan, canary } = built({ gatewayApi: { ...gateway, matches: [header("x-canary", "yes"), { on: "header", name: "x-beta", regex: "1|true" }, header("x-qa", "on")] } });

        it("a setHeaderRoute step per match, each with that match only", () => {
            assert.deepStrictEqual(headerRoutes(canary), [
                { name: "canary-match", match: [{ headerName: "x-canary", headerValue: { exact: "yes" } }] },
                { name: "canary-match-2", match: [{ headerName: "x-beta", headerValue: { regex: "1|true" } }] },
                { name: "canary-match-3", match: [{ headerName: "x-qa", headerValue: { exact: "on" } }] },
            ]);
        });
        it("every route is a managed route, so Argo accepts its step and removes it when the release ends", () =>
            assert.deepStrictEqual(canary.trafficRouting.managedRoutes, [{ name: "canary-match" }, { name: "canary-match-2" }, { name: "canary-match-3" }]));
        it("the routes are set together at the start of the first stage, before its pause", () =>
            assert.deepStrictEqual(canary.steps.slice(0, 5).map((s) => Object.keys(s)[0]), ["setWeight", "setHeaderRoute", "setHeaderRoute", "setHeaderRoute", "pause"]));
        it("the plan joins the matches with or", () =>
            assert.match(plan, /requests with header x-canary = "yes" or header x-beta ~ \/1\|true\/ or header x-qa = "on" go to the canary/));
        it("one match keeps the route name it always had", () => {
            const one = built({ gatewayApi: { ...gateway, matches: [header("x-canary", "yes")] } }).canary;
            assert.deepStrictEqual(headerRoutes(one).map((r) => r.name), ["canary-match"]);
            assert.deepStrictEqual(one.trafficRouting.managedRoutes, [{ name: "canary-match" }]);
        });
    });

    describe("nginx: canary-by-header, else canary-by-cookie (ingress-nginx checks the header, then the cookie)", () => {
        const { plan, canary } = built({ nginx: { host: "shop.example.com", matches: [header("X-Canary", "yes"), { on: "cookie", name: "beta" }] } });

        it("both annotations on the canary Ingress, no managed route", () => {
            assert.deepStrictEqual(canary.trafficRouting.nginx?.additionalIngressAnnotations, { "canary-by-header": "X-Canary", "canary-by-header-value": "yes", "canary-by-cookie": "beta" });
            assert.strictEqual(canary.trafficRouting.managedRoutes, undefined);
        });
        it("the plan joins them with or", () => assert.match(plan, /requests with header X-Canary = "yes" or cookie beta = "always" go to the canary/));
    });
});
