import * as assert from "assert";
import { podNameHash } from "../../../policy/src/pack";
import { runResourcePolicy } from "../helpers/harness";
import { ROLLOUT, istioHostRollout } from "../helpers/manifests";

describe("canary-pod-name-hash", () => {
    const rollout = (name: string) => ({ type: ROLLOUT, name: "r", props: istioHostRollout(name) });

    it("passes a 46-character name", async () => {
        assert.deepStrictEqual((await runResourcePolicy(podNameHash, rollout("p".repeat(46)))).messages, []);
    });

    it("reports a 47-character name as advisory, explaining the cut hash", async () => {
        const name = "p".repeat(47);
        const result = await runResourcePolicy(podNameHash, rollout(name));
        assert.deepStrictEqual(result.messages, [
            `Rollout "shop/${name}": metadata.name is 47 characters, above 46: pods are named from the first 58 characters of ` +
                `"<rollout>-<pod-template-hash>-", so the hash is cut from pod names and canary and stable pods cannot be told apart by name.`,
        ]);
        assert.strictEqual(result.violations[0].level, "advisory");
    });

    describe("config", () => {
        it("maxLength moves the threshold", async () => {
            const result = await runResourcePolicy(podNameHash, rollout("checkout-eu-west-1"), { config: { maxLength: 12 } });
            assert.match(result.messages[0], /18 characters, above 12/);
        });
        it("enforcementLevel mandatory makes it blocking", async () => {
            const result = await runResourcePolicy(podNameHash, rollout("p".repeat(50)), { config: "mandatory" });
            assert.strictEqual(result.violations[0].level, "mandatory");
        });
        it("exclude skips a Rollout", async () => {
            const result = await runResourcePolicy(podNameHash, rollout("p".repeat(50)), { config: { exclude: ["p*"] } });
            assert.deepStrictEqual(result.messages, []);
        });
    });
});
