// The Gateway API router: every error its arguments can reach (property path and rule), the
// defaults, and what it tells the rest of the pipeline (objects it drives, plan note).
import * as assert from "assert";
import { buildRelease } from "../../provider/src/build";
import { parseArgs } from "../../provider/src/parse";
import { resolve } from "../../provider/src/resolve";
import { routingFor } from "../../provider/src/routers";
import type { ResolvedGatewayApi } from "../../provider/src/routers/gateway-api/model";
import { base, expectNoProblem, expectProblem, prometheus } from "../helpers/problems";

const gateway = { parentRefs: [{ name: "public", namespace: "gateways" }] };
const released = (gatewayApi: object, extra: object = {}) => {
    const parsed = parseArgs("shop", { ...base, gatewayApi, ...extra } as never);
    return resolve(parsed.args, parsed.release);
};

describe("gatewayApi router", () => {
    describe("argument errors", () => {
        it("accepts a created route on a Gateway, and an existing route", () => {
            expectNoProblem({ gatewayApi: gateway });
            expectNoProblem({ gatewayApi: { httpRouteName: "shop-public" } });
        });
        it("a created route needs a Gateway", () => expectProblem({ gatewayApi: {} }, "gatewayApi.parentRefs", /is required to create an HTTPRoute/));
        it("an empty parentRefs", () => expectProblem({ gatewayApi: { parentRefs: [] } }, "gatewayApi.parentRefs", /at least one Gateway/));
        for (const key of ["parentRefs", "hostnames", "pathPrefix"]) {
            const value = key === "parentRefs" ? gateway.parentRefs : key === "hostnames" ? ["shop.example.com"] : "/shop";
            it(`${key} only with a created route`, () => expectProblem({ gatewayApi: { httpRouteName: "shop", [key]: value } }, `gatewayApi.${key}`, /only applies to an HTTPRoute the component creates/));
        }
        it("hostnames are DNS names", () => expectProblem({ gatewayApi: { ...gateway, hostnames: ["10.0.0.1:80"] } }, "gatewayApi.hostnames[0]", /must be a DNS name/));
        it("hostnames are unique", () => expectProblem({ gatewayApi: { ...gateway, hostnames: ["a.example.com", "a.example.com"] } }, "gatewayApi.hostnames[1]", /must be unique/));
        it("a Gateway's listener is not attached twice, and refs to one Gateway all name a listener or none does (the CRD's rules)", () => {
            expectProblem({ gatewayApi: { parentRefs: [{ name: "public" }, { name: "public" }] } }, "gatewayApi.parentRefs[1]", /repeats parentRefs\[0\] \(the same Gateway\)/);
            expectProblem({ gatewayApi: { parentRefs: [{ name: "public", sectionName: "https" }, { name: "public", sectionName: "https" }] } }, "gatewayApi.parentRefs[1]", /the same Gateway and listener "https"/);
            expectProblem({ gatewayApi: { parentRefs: [{ name: "public", sectionName: "https" }, { name: "public" }] } }, "gatewayApi.parentRefs[1].sectionName", /must be set on every ref to Gateway "public" or on none \(parentRefs\[0\] sets it\)/);
            expectNoProblem({ gatewayApi: { parentRefs: [{ name: "public", sectionName: "http" }, { name: "public", sectionName: "https" }, { name: "public", namespace: "gw" }] } });
        });
        it("a Gateway name is a DNS subdomain", () => expectProblem({ gatewayApi: { parentRefs: [{ name: "Public" }] } }, "gatewayApi.parentRefs[0].name", /DNS-1123 subdomain/));
        it("a misspelt key suggests the right one", () => expectProblem({ gatewayApi: { ...gateway, hostname: ["a.example.com"] } }, "gatewayApi.hostname", /did you mean "hostnames"/));
        it("cookie and path matches are refused", () => {
            expectProblem({ gatewayApi: { ...gateway, matches: [{ on: "cookie", name: "canary" }] } }, "gatewayApi.matches[0].on", /match headers only/);
            expectProblem({ gatewayApi: { ...gateway, matches: [{ on: "uri", prefix: "/beta" }] } }, "gatewayApi.matches[0].on", /match headers only/);
        });
        it("a header prefix is refused (Gateway API matches exactly or by regex)", () =>
            expectProblem({ gatewayApi: { ...gateway, matches: [{ on: "header", name: "x-canary", prefix: "b" }] } }, "gatewayApi.matches[0].prefix", /exact or regex/));
        it("a header regex is checked as RE2", () =>
            expectProblem({ gatewayApi: { ...gateway, matches: [{ on: "header", name: "x-canary", regex: "(?<=a)b" }] } }, "gatewayApi.matches[0].regex", /RE2/));
        it("a header match needs canary pods at the first stage", () =>
            expectProblem({ gatewayApi: { ...gateway, matches: [{ on: "header", name: "x", exact: "1" }] }, steps: [{ weight: 0, pause: "" }, { weight: 100 }] }, "gatewayApi.matches", /first stage runs none/));
        it("presets need an explicit metric source", () =>
            expectProblem({ gatewayApi: gateway, analysis: { prometheus, successRate: {} } }, "analysis.presetSource", /with gatewayApi/));
        it("at most one router", () => expectProblem({ istio: {}, gatewayApi: gateway }, "gatewayApi", /must not be set together with istio/));
        it("Service names follow the two-Service layout", () => expectProblem({ gatewayApi: gateway, service: { name: "shop" } }, "service.name", /only applies with an istio subset split or no traffic router/));
        it("setCanaryScale is allowed (it is traffic routing)", () => expectNoProblem({ gatewayApi: gateway, steps: [{ weight: 10, pause: "5m", setCanaryScale: { replicas: 1 } }, { weight: 100 }] }));
    });

    describe("defaults and hooks", () => {
        it("creates <release> on PathPrefix /, with stable and canary Services", () => {
            const r = released(gateway);
            const t = r.traffic as ResolvedGatewayApi;
            assert.deepStrictEqual(t.httpRoute, { name: "shop", create: true, parentRefs: gateway.parentRefs, hostnames: [], pathPrefix: "/" });
            assert.deepStrictEqual([r.services.stable, r.services.canary], ["shop-stable", "shop-canary"]);
        });
        it("an existing route is a user object, a created one a child", () => {
            const existing = released({ httpRouteName: "shop-public" });
            assert.deepStrictEqual(routingFor(existing).userObjects(existing.traffic), [{ kind: "HTTPRoute", name: "shop-public" }]);
            assert.deepStrictEqual(buildRelease(existing).children.filter((c) => c.kind === "HTTPRoute"), []);
            const created = released(gateway);
            assert.deepStrictEqual(routingFor(created).userObjects(created.traffic), []);
            assert.deepStrictEqual(buildRelease(created).children.filter((c) => c.kind === "HTTPRoute").map((c) => c.role), ["http-route"]);
        });
        it("the plan names the header route", () => {
            const r = released({ ...gateway, matches: [{ on: "header", name: "x-canary", exact: "yes" }] });
            assert.match(buildRelease(r).plan.summary, /requests with header x-canary = "yes" go to the canary/);
        });
        it("without header matches the plugin is given the route by name, with no managed route", () => {
            const rollout = buildRelease(released(gateway)).children.find((c) => c.kind === "Rollout")!.manifest as never as { spec: { strategy: { canary: { trafficRouting: object } } } };
            assert.deepStrictEqual(rollout.spec.strategy.canary.trafficRouting, { plugins: { "argoproj-labs/gatewayAPI": { httpRoute: "shop" } } });
        });
    });
});
