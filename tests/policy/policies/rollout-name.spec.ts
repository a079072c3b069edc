import * as assert from "assert";
import { rolloutName } from "../../../policy/src/pack";
import { runResourcePolicy } from "../helpers/harness";
import { ROLLOUT, SERVICE, istioHostRollout, service } from "../helpers/manifests";

describe("canary-rollout-name", () => {
    const rollout = (name: string) => {
        const props = istioHostRollout();
        props.metadata.name = name;
        return { type: ROLLOUT, name: "release", props };
    };

    it("passes an RFC 1123 label of 63 characters", async () => {
        assert.deepStrictEqual((await runResourcePolicy(rolloutName, rollout("c".repeat(63)))).messages, []);
    });

    it("fails a 64-character name, naming the Rollout, the field and the rule", async () => {
        const result = await runResourcePolicy(rolloutName, rollout("c".repeat(64)));
        assert.deepStrictEqual(result.messages, [
            `Rollout "shop/${"c".repeat(64)}": metadata.name "${"c".repeat(64)}" must be at most 63 characters (RFC 1123 label), got 64.`,
        ]);
        assert.strictEqual(result.violations[0].level, "mandatory");
    });

    it("fails upper case and underscores", async () => {
        const result = await runResourcePolicy(rolloutName, rollout("Checkout_v2"));
        assert.match(result.messages[0], /metadata.name "Checkout_v2" must be an RFC 1123 label/);
    });

    it("falls back to the resource name when metadata.name is absent", async () => {
        const props = istioHostRollout();
        delete props.metadata.name;
        const result = await runResourcePolicy(rolloutName, { type: ROLLOUT, name: "Bad_Name", props });
        assert.match(result.messages[0], /Rollout "shop\/Bad_Name"/);
    });

    it("does not apply to other kinds", async () => {
        const result = await runResourcePolicy(rolloutName, { type: SERVICE, name: "s", props: service("S_", "x") });
        assert.ok(result.notApplicable);
    });

    describe("config", () => {
        it("maxLength lowers the limit", async () => {
            const result = await runResourcePolicy(rolloutName, rollout("checkout-service"), { config: { maxLength: 10 } });
            assert.match(result.messages[0], /must be at most 10 characters \(RFC 1123 label\), got 16/);
        });
        it("exclude skips a Rollout by <namespace>/<name> pattern", async () => {
            const result = await runResourcePolicy(rolloutName, rollout("Legacy_App"), { config: { exclude: ["shop/Legacy*"] } });
            assert.deepStrictEqual(result.messages, []);
        });
        it("enforcementLevel advisory downgrades the violation", async () => {
            const result = await runResourcePolicy(rolloutName, rollout("c".repeat(64)), { config: "advisory" });
            assert.strictEqual(result.violations[0].level, "advisory");
        });
        it("enforcementLevel disabled turns it off", async () => {
            const result = await runResourcePolicy(rolloutName, rollout("c".repeat(64)), { config: { enforcementLevel: "disabled" } });
            assert.ok(result.disabled);
            assert.deepStrictEqual(result.messages, []);
        });
    });
});
