import * as assert from "assert";
import { labels } from "../../../policy/src/pack";
import { runResourcePolicy } from "../helpers/harness";
import { CANARY_DELIVERY, NAMESPACE, ROLLOUT, SERVICE, istioHostRollout, namespace, service } from "../helpers/manifests";

describe("canary-labels", () => {
    it("passes the labels of a well-formed Rollout", async () => {
        assert.deepStrictEqual((await runResourcePolicy(labels, { type: ROLLOUT, name: "r", props: istioHostRollout() })).messages, []);
    });

    it("fails a 64-character pod template label value, naming the path and key", async () => {
        const rollout = istioHostRollout();
        rollout.spec.template.metadata.labels.version = "v".repeat(64);
        const result = await runResourcePolicy(labels, { type: ROLLOUT, name: "r", props: rollout });
        assert.deepStrictEqual(result.messages, [
            `Rollout "shop/checkout": spec.template.metadata.labels["version"] value "${"v".repeat(64)}" must be at most 63 characters (label value), got 64.`,
        ]);
        assert.strictEqual(result.violations[0].level, "mandatory");
    });

    it("checks canaryMetadata labels of a Rollout and the selector of a Service", async () => {
        const rollout = istioHostRollout();
        rollout.spec.strategy.canary.canaryMetadata = { labels: { role: "canary-" } };
        const r = await runResourcePolicy(labels, { type: ROLLOUT, name: "r", props: rollout });
        assert.match(r.messages[0], /spec\.strategy\.canary\.canaryMetadata\.labels\["role"\] value "canary-" must be a label value/);
        const svc = service("checkout", "checkout");
        svc.spec.selector = { app: "checkout/v2" };
        const s = await runResourcePolicy(labels, { type: SERVICE, name: "s", props: svc });
        assert.match(s.messages[0], /^Service "shop\/checkout": spec\.selector\["app"\] value "checkout\/v2"/);
    });

    it("fails an invalid key and names a cluster-scoped object without namespace", async () => {
        const result = await runResourcePolicy(labels, { type: NAMESPACE, name: "n", props: namespace("shop", { "team name": "payments" }) });
        assert.match(result.messages[0], /^Namespace "shop": metadata\.labels key "team name" must be a qualified name/);
    });

    it("does not apply to components", async () => {
        assert.ok((await runResourcePolicy(labels, { type: CANARY_DELIVERY, name: "c", props: {} })).notApplicable);
    });

    describe("config", () => {
        it("checkKeys false leaves keys alone", async () => {
            const result = await runResourcePolicy(labels, { type: NAMESPACE, name: "n", props: namespace("shop", { "team name": "payments" }) }, { config: { checkKeys: false } });
            assert.deepStrictEqual(result.messages, []);
        });
        it("enforcementLevel disabled turns it off", async () => {
            const rollout = istioHostRollout();
            rollout.metadata.labels.version = "v".repeat(64);
            assert.deepStrictEqual((await runResourcePolicy(labels, { type: ROLLOUT, name: "r", props: rollout }, { config: "disabled" })).messages, []);
        });
    });
});
