import * as assert from "assert";
import { istioNamespaceLabel } from "../../../policy/src/pack";
import { runResourcePolicy } from "../helpers/harness";
import { NAMESPACE, SERVICE, namespace, service } from "../helpers/manifests";

const unlabelled = () => ({ type: NAMESPACE, name: "shop", props: namespace("shop", { team: "checkout" }) });

describe("canary-istio-namespace-label", () => {
    it("remediates by default: adds istio-injection=enabled to a listed Namespace, keeping its labels, and then passes", async () => {
        const result = await runResourcePolicy(istioNamespaceLabel, unlabelled(), { config: { meshNamespaces: ["shop"] } });
        assert.deepStrictEqual(result.remediated, {
            apiVersion: "v1",
            kind: "Namespace",
            metadata: { name: "shop", labels: { team: "checkout", "istio-injection": "enabled" } },
        });
        assert.deepStrictEqual(result.messages, []);
    });

    it("passes and leaves alone a listed Namespace that already has a revision label", async () => {
        const result = await runResourcePolicy(istioNamespaceLabel, { type: NAMESPACE, name: "shop", props: namespace("shop", { "istio.io/rev": "1-27" }) }, {
            config: { meshNamespaces: ["shop"] },
        });
        assert.strictEqual(result.remediated, undefined);
        assert.deepStrictEqual(result.messages, []);
    });

    it("leaves Namespaces not listed in meshNamespaces alone (nothing is listed by default)", async () => {
        const result = await runResourcePolicy(istioNamespaceLabel, unlabelled());
        assert.strictEqual(result.remediated, undefined);
        assert.deepStrictEqual(result.messages, []);
    });

    it("does not overwrite an explicit istio-injection=disabled; reports it as mandatory", async () => {
        const result = await runResourcePolicy(istioNamespaceLabel, { type: NAMESPACE, name: "shop", props: namespace("shop", { "istio-injection": "disabled" }) }, {
            config: { meshNamespaces: ["sh*"] },
        });
        assert.strictEqual(result.remediated, undefined);
        assert.deepStrictEqual(result.messages, [
            `Namespace "shop" is listed in meshNamespaces but metadata.labels has istio-injection=disabled: remove istio-injection=disabled or take "shop" out of meshNamespaces.`,
        ]);
        assert.strictEqual(result.violations[0].level, "mandatory");
    });

    it("does not apply to other kinds", async () => {
        const result = await runResourcePolicy(istioNamespaceLabel, { type: SERVICE, name: "s", props: service("s", "s") }, { config: { meshNamespaces: ["*"] } });
        assert.ok(result.notApplicable);
    });

    describe("config", () => {
        it("revision makes the remediation add istio.io/rev", async () => {
            const result = await runResourcePolicy(istioNamespaceLabel, unlabelled(), { config: { meshNamespaces: ["shop"], revision: "1-27" } });
            assert.deepStrictEqual((result.remediated as { metadata: { labels: unknown } }).metadata.labels, { team: "checkout", "istio.io/rev": "1-27" });
        });
        it("enforcementLevel advisory only reports the missing label", async () => {
            const result = await runResourcePolicy(istioNamespaceLabel, unlabelled(), { config: { enforcementLevel: "advisory", meshNamespaces: ["shop"] } });
            assert.strictEqual(result.remediated, undefined);
            assert.deepStrictEqual(result.messages, [
                `Namespace "shop" is listed in meshNamespaces but metadata.labels has neither istio-injection=enabled nor istio.io/rev=<revision>: ` +
                    `add istio-injection=enabled (enforcement level "remediate" adds it).`,
            ]);
            assert.strictEqual(result.violations[0].level, "advisory");
        });
        it("exclude keeps a namespace out even when a pattern lists it", async () => {
            const result = await runResourcePolicy(istioNamespaceLabel, unlabelled(), { config: { meshNamespaces: ["*"], exclude: ["shop"] } });
            assert.strictEqual(result.remediated, undefined);
        });
    });
});
