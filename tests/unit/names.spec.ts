// The one names helper: Kubernetes name rules and the budget of names Argo derives from ours.
import * as assert from "assert";
import {
    canaryIngressName,
    checkNameBudget,
    dnsSubdomain,
    experimentServiceName,
    labelValue,
    longestAnalysisRunName,
    MAX_RELEASE_KEEPING_POD_HASH,
    podNamesKeepHash,
    portName,
    qualifiedName,
    rfc1035Label,
    rfc1123Label,
} from "../../provider/src/names";

describe("names", () => {
    describe("RFC 1123 label (release names, namespaces)", () => {
        for (const ok of ["a", "shop", "shop-v2", "1app", "a".repeat(63)]) it(`accepts ${ok.length > 20 ? `${ok.length} characters` : ok}`, () => assert.strictEqual(rfc1123Label(ok), undefined));
        for (const bad of ["", "Shop", "shop_v2", "-shop", "shop-", "shop.v2", "a".repeat(64)]) {
            it(`rejects "${bad.length > 20 ? `${bad.length} characters` : bad}"`, () => assert.ok(rfc1123Label(bad)));
        }
        it("says which rule", () => {
            assert.match(rfc1123Label("a".repeat(64))!, /at most 63 characters \(RFC 1123 label\), got 64/);
            assert.match(rfc1123Label("Shop")!, /lowercase letters, digits and '-'/);
        });
    });

    describe("RFC 1035 label (Service names)", () => {
        it("accepts a name starting with a letter", () => assert.strictEqual(rfc1035Label("shop-stable"), undefined));
        it("rejects 1app, which passes the form's RFC 1123 rule", () => {
            assert.strictEqual(rfc1123Label("1app"), undefined);
            assert.match(rfc1035Label("1app")!, /must start with a letter \(RFC 1035 label: a Service name\)/);
        });
        it("names RFC 1035 in the length rule", () => assert.match(rfc1035Label("a".repeat(64))!, /RFC 1035 label/));
    });

    describe("other rules", () => {
        it("DNS subdomain: dots allowed, 253 characters", () => {
            assert.strictEqual(dnsSubdomain("shop.example.com"), undefined);
            assert.match(dnsSubdomain("a".repeat(254))!, /at most 253/);
            assert.ok(dnsSubdomain("Shop"));
        });
        it("label values: 63 characters, may be empty, mixed case", () => {
            assert.strictEqual(labelValue(""), undefined);
            assert.strictEqual(labelValue("Payments_1.0"), undefined);
            assert.ok(labelValue("a b"));
            assert.ok(labelValue("a".repeat(64)));
        });
        it("qualified names: optional DNS prefix", () => {
            assert.strictEqual(qualifiedName("app.kubernetes.io/name"), undefined);
            assert.strictEqual(qualifiedName("team"), undefined);
            assert.ok(qualifiedName("Example.com/x"));
            assert.ok(qualifiedName("x/"));
        });
        it("port names: IANA service names of at most 15 characters with a letter", () => {
            assert.strictEqual(portName("http-metrics"), undefined);
            assert.ok(portName("8080"));
            assert.ok(portName("http--x"));
            assert.ok(portName("a-very-long-port-name"));
        });
    });

    describe("derived names", () => {
        it("the controller's canary Ingress: <rollout>-<ingress>-canary", () => assert.strictEqual(canaryIngressName("shop", "web"), "shop-web-canary"));
        it("AnalysisRuns: <rollout>-<hash>-<revision>-<step>, far under 253 for any valid release", () =>
            assert.ok(longestAnalysisRunName("a".repeat(63)).length <= 253));
        it("experiment Services: not truncated, so they outgrow 63 characters (argoproj/argo-rollouts#1637)", () =>
            assert.ok(experimentServiceName("rollouts-demo", 2, 0, "experiment-alb-canary-very-long-name").length > 63));
        it(`pod names keep the whole hash up to ${MAX_RELEASE_KEEPING_POD_HASH} characters`, () => {
            assert.strictEqual(MAX_RELEASE_KEEPING_POD_HASH, 46);
            assert.ok(podNamesKeepHash("a".repeat(46)));
            assert.ok(!podNamesKeepHash("a".repeat(47)));
        });
    });

    describe("budget", () => {
        const plan = (release: string, extra: Partial<Parameters<typeof checkNameBudget>[0]> = {}) =>
            checkNameBudget({ release: { name: release, path: "releaseName" }, services: [], queriesByPodName: false, ...extra });
        it("a short release with its Services fits", () => {
            assert.deepStrictEqual(plan("shop", { services: [{ name: "shop-stable", path: "releaseName" }] }), { errors: [], warnings: [] });
        });
        it("each Service name is an error at the argument it came from", () => {
            const { errors } = plan("shop", { services: [{ name: "9shop", path: "service.name" }] });
            assert.deepStrictEqual(errors.map((e) => e.path), ["service.name"]);
        });
        it("an oversized canary Ingress is an error at the stable Ingress", () => {
            const { errors } = plan("shop", { stableIngress: { name: "i".repeat(245), path: "nginx.stableIngress" } });
            assert.deepStrictEqual(errors.map((e) => e.path), ["nginx.stableIngress"]);
        });
        it("losing the pod hash: a warning, an error when pods are selected by name", () => {
            assert.strictEqual(plan("a".repeat(50)).warnings.length, 1);
            assert.strictEqual(plan("a".repeat(50), { queriesByPodName: true }).errors.length, 1);
        });
    });
});
