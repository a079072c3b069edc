// The one names helper: Kubernetes name rules and the budget of names Argo derives from ours,
// used by the component and by the policy pack (policy/src/lib/names.ts re-exports it).
import * as assert from "assert";
import {
    canaryIngressName,
    checkNameBudget,
    dnsSubdomain,
    experimentServiceName,
    GENERATED_NAME_PREFIX_MAX,
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
            assert.strictEqual(rfc1123Label("a".repeat(64)), "must be at most 63 characters (RFC 1123 label), got 64");
            assert.strictEqual(
                rfc1123Label("Shop"),
                "must be an RFC 1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit",
            );
            assert.strictEqual(rfc1123Label(""), "must not be empty");
        });
        it("takes a lower limit (a policy's maxLength)", () => {
            assert.strictEqual(rfc1123Label("abcdef", 5), "must be at most 5 characters (RFC 1123 label), got 6");
            assert.strictEqual(rfc1123Label("abcde", 5), undefined);
        });
    });

    describe("RFC 1035 label (Service names)", () => {
        it("accepts a name starting with a letter", () => assert.strictEqual(rfc1035Label("shop-stable"), undefined));
        it("rejects 1app, which passes the form's RFC 1123 rule", () => {
            assert.strictEqual(rfc1123Label("1app"), undefined);
            assert.strictEqual(rfc1035Label("1app"), "must start with a letter (RFC 1035 label, required of Service names)");
        });
        it("names RFC 1035 in the length rule", () => assert.match(rfc1035Label("a".repeat(64))!, /RFC 1035 label/));
    });

    describe("other rules", () => {
        it("DNS subdomain: dots allowed, 253 characters", () => {
            assert.strictEqual(dnsSubdomain("shop.example.com"), undefined);
            assert.strictEqual(dnsSubdomain("a".repeat(254)), "must be at most 253 characters (DNS-1123 subdomain), got 254");
            assert.ok(dnsSubdomain("Shop"));
            assert.match(dnsSubdomain("a..b")!, /must be a DNS-1123 subdomain/);
        });
        it("label values: 63 characters, may be empty, mixed case", () => {
            assert.strictEqual(labelValue(""), undefined);
            assert.strictEqual(labelValue("Payments_1.0"), undefined);
            assert.ok(labelValue("a b"));
            assert.match(labelValue("v1-")!, /starting and ending with a letter or digit/);
            assert.strictEqual(labelValue("a".repeat(64)), "must be at most 63 characters (label value), got 64");
        });
        it("port names: IANA service names of at most 15 characters with a letter", () => {
            assert.strictEqual(portName("http-metrics"), undefined);
            assert.ok(portName("8080"));
            assert.ok(portName("http--x"));
            assert.ok(portName("a-very-long-port-name"));
        });
    });

    describe("qualified names (label and annotation keys)", () => {
        const NOT_QUALIFIED =
            "must be a qualified name: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit, optionally prefixed by a DNS subdomain and '/'";
        it("take an optional DNS subdomain prefix", () => {
            assert.strictEqual(qualifiedName("app.kubernetes.io/name"), undefined);
            assert.strictEqual(qualifiedName("team"), undefined);
            assert.strictEqual(qualifiedName("Team_Name.v2"), undefined);
        });
        it("say which prefix is wrong, echoed cut and escaped", () => {
            assert.strictEqual(
                qualifiedName("Example.com/x"),
                "prefix 'Example.com' must be a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit",
            );
            assert.match(qualifiedName(`${"P".repeat(90)}/x`)!, new RegExp(`^prefix '${"P".repeat(80)}…' must be`));
            assert.match(qualifiedName("a\nb/x")!, /^prefix 'a\\nb' /);
        });
        it("need a name part of at most 63 characters", () => {
            assert.strictEqual(qualifiedName("x/"), NOT_QUALIFIED);
            assert.strictEqual(qualifiedName("/name"), "prefix '' must not be empty");
            assert.strictEqual(qualifiedName(`acme.io/${"k".repeat(64)}`), NOT_QUALIFIED);
            assert.strictEqual(qualifiedName(`acme.io/${"k".repeat(63)}`), undefined);
        });
        // Kubernetes (apimachinery IsQualifiedName) splits at the first '/': with a second one the
        // key is not a qualified name at all. Splitting at the last '/' blamed a prefix 'a/b' instead.
        it("end the prefix at the first '/', so a second '/' makes the name invalid, not the prefix", () => {
            assert.strictEqual(qualifiedName("a/b/c"), NOT_QUALIFIED);
            assert.strictEqual(qualifiedName("example.com/team/name"), NOT_QUALIFIED);
            assert.strictEqual(qualifiedName("Example.com/a/b"), qualifiedName("Example.com/x"));
        });
    });

    describe("derived names", () => {
        it("the controller's canary Ingress: <rollout>-<ingress>-canary", () => assert.strictEqual(canaryIngressName("shop", "web"), "shop-web-canary"));
        it("AnalysisRuns: <rollout>-<hash>-<revision>-<step>, far under 253 for any valid release", () =>
            assert.ok(longestAnalysisRunName("a".repeat(63)).length <= 253));
        it("experiment Services: the template's ReplicaSet name, the revision as its longest budgeted number", () => {
            assert.strictEqual(experimentServiceName("checkout", 2, "baseline", 3), "checkout-hhhhhhhhhh-999-2-baseline");
            assert.strictEqual(experimentServiceName("checkout", 0, "baseline", 0), "checkout-hhhhhhhhhh-9-0-baseline");
        });
        it(`pod names keep the whole hash up to ${MAX_RELEASE_KEEPING_POD_HASH} characters: "<rollout>-<10-character hash>-" fits ${GENERATED_NAME_PREFIX_MAX}`, () => {
            assert.strictEqual(MAX_RELEASE_KEEPING_POD_HASH, 46);
            assert.ok(podNamesKeepHash("a".repeat(46)));
            assert.ok(!podNamesKeepHash("a".repeat(47)));
        });
        it("the pod-hash limit can be lowered or raised (a policy's maxLength)", () => {
            assert.ok(!podNamesKeepHash("a".repeat(30), 20));
            assert.ok(podNamesKeepHash("a".repeat(50), 60));
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
