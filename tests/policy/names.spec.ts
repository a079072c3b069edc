// The pack's name rules on their own, and held to the same verdicts as the component's copy
// (provider/src/names.ts), so the two cannot drift apart unnoticed.
import * as assert from "assert";
import * as component from "../../provider/src/names";
import {
    MAX_NAME_KEEPING_POD_HASH,
    canaryIngressName,
    dnsSubdomain,
    experimentServiceName,
    labelKey,
    labelValue,
    podNamesKeepHash,
    rfc1035Label,
    rfc1123Label,
} from "../../policy/src/lib/names";

describe("policy name rules", () => {
    describe("RFC 1123 label (release and Rollout names)", () => {
        for (const ok of ["a", "checkout", "1app", "a-b-c", "a".repeat(63), "x9"]) {
            it(`accepts "${ok.length > 20 ? `${ok.length} characters` : ok}"`, () => assert.strictEqual(rfc1123Label(ok), undefined));
        }
        it("rejects 64 characters, naming the limit and the length", () => {
            assert.strictEqual(rfc1123Label("a".repeat(64)), "must be at most 63 characters (RFC 1123 label), got 64");
        });
        for (const bad of ["Checkout", "-a", "a-", "a_b", "a.b", "ä"]) {
            it(`rejects "${bad}"`, () => assert.match(rfc1123Label(bad)!, /RFC 1123 label: lowercase letters/));
        }
        it("rejects the empty name", () => assert.strictEqual(rfc1123Label(""), "must not be empty"));
        it("takes a lower limit", () => assert.match(rfc1123Label("abcdef", 5)!, /at most 5 characters/));
    });

    describe("RFC 1035 label (Service names)", () => {
        it("accepts a name starting with a letter", () => assert.strictEqual(rfc1035Label("checkout-canary"), undefined));
        it("rejects a name starting with a digit, which passes RFC 1123", () => {
            assert.strictEqual(rfc1123Label("1app"), undefined);
            assert.strictEqual(rfc1035Label("1app"), "must start with a letter (RFC 1035 label, required of Service names)");
        });
        it("names RFC 1035 in the length rule", () => assert.match(rfc1035Label("a".repeat(64))!, /RFC 1035 label/));
    });

    describe("DNS-1123 subdomain", () => {
        it("accepts dots", () => assert.strictEqual(dnsSubdomain("checkout.shop"), undefined));
        it("rejects 254 characters", () => assert.match(dnsSubdomain("a".repeat(254))!, /at most 253/));
        it("rejects an empty part", () => assert.match(dnsSubdomain("a..b")!, /DNS-1123 subdomain/));
    });

    describe("labels", () => {
        it("accepts an empty value and mixed case", () => {
            assert.strictEqual(labelValue(""), undefined);
            assert.strictEqual(labelValue("Release_1.4"), undefined);
        });
        it("rejects a 64-character value", () => assert.match(labelValue("v".repeat(64))!, /at most 63 characters \(label value\), got 64/));
        it("rejects a value ending with '-'", () => assert.match(labelValue("v1-")!, /starting and ending with a letter or digit/));
        it("accepts prefixed keys", () => assert.strictEqual(labelKey("app.kubernetes.io/name"), undefined));
        it("rejects a key whose name part is 64 characters", () => assert.match(labelKey(`acme.io/${"k".repeat(64)}`)!, /qualified name/));
        it("rejects a key with an invalid prefix", () => assert.match(labelKey("Acme_IO/name")!, /prefix 'Acme_IO'/));
    });

    describe("derived names", () => {
        it(`keeps the pod hash up to ${MAX_NAME_KEEPING_POD_HASH} characters: "<rollout>-<10-char hash>-" fits 58`, () => {
            assert.strictEqual(MAX_NAME_KEEPING_POD_HASH, 46);
            assert.ok(podNamesKeepHash("r".repeat(46)));
            assert.ok(!podNamesKeepHash("r".repeat(47)));
        });
        it("builds the experiment Service name from the ReplicaSet name with a 10-character hash", () => {
            assert.strictEqual(experimentServiceName("checkout", 2, "baseline", 3), "checkout-hhhhhhhhhh-999-2-baseline");
        });
        it("builds the Nginx canary Ingress name", () => {
            assert.strictEqual(canaryIngressName("web", "web-public"), "web-web-public-canary");
        });
    });

    describe("agrees with the component's copy (provider/src/names.ts)", () => {
        const names = ["checkout", "1app", "a", "", "Checkout", "a-", "-a", "a.b", "a_b", "x".repeat(63), "x".repeat(64), "v1.2", "s".repeat(253), "s".repeat(254)];
        const verdicts = (rule: (n: string) => string | undefined) => names.map(n => rule(n) === undefined);
        it("RFC 1123 labels", () => assert.deepStrictEqual(verdicts(rfc1123Label), verdicts(component.rfc1123Label)));
        it("RFC 1035 labels", () => assert.deepStrictEqual(verdicts(rfc1035Label), verdicts(component.rfc1035Label)));
        it("DNS-1123 subdomains", () => assert.deepStrictEqual(verdicts(dnsSubdomain), verdicts(component.dnsSubdomain)));
        it("label values", () => assert.deepStrictEqual(verdicts(labelValue), verdicts(component.labelValue)));
        it("label keys", () => {
            const keys = ["app", "app.kubernetes.io/name", "Acme_IO/name", `acme.io/${"k".repeat(64)}`, "/name", "team name"];
            assert.deepStrictEqual(keys.map(k => labelKey(k) === undefined), keys.map(k => component.qualifiedName(k) === undefined));
        });
        it("the pod-hash budget", () => assert.strictEqual(MAX_NAME_KEEPING_POD_HASH, component.MAX_RELEASE_KEEPING_POD_HASH));
    });
});
