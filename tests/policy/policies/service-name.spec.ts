import * as assert from "assert";
import { serviceName } from "../../../policy/src/pack";
import { runResourcePolicy } from "../helpers/harness";
import { SERVICE, service } from "../helpers/manifests";

describe("canary-service-name", () => {
    it("passes an RFC 1035 label", async () => {
        const result = await runResourcePolicy(serviceName, { type: SERVICE, name: "stable", props: service("checkout-stable", "checkout") });
        assert.deepStrictEqual(result.messages, []);
    });

    it("fails a name starting with a digit (valid for a release, not for a Service)", async () => {
        const result = await runResourcePolicy(serviceName, { type: SERVICE, name: "stable", props: service("1app-stable", "1app") });
        assert.deepStrictEqual(result.messages, [
            `Service "shop/1app-stable": metadata.name "1app-stable" must start with a letter (RFC 1035 label, required of Service names).`,
        ]);
        assert.strictEqual(result.violations[0].level, "mandatory");
    });

    it("fails a 64-character name", async () => {
        const result = await runResourcePolicy(serviceName, { type: SERVICE, name: "s", props: service("s".repeat(64), "x") });
        assert.match(result.messages[0], /must be at most 63 characters \(RFC 1035 label\), got 64/);
    });

    it("reads the namespace from an explicit provider when metadata.namespace is unset", async () => {
        const props = service("1app", "x");
        delete props.metadata.namespace;
        const result = await runResourcePolicy(serviceName, { type: SERVICE, name: "s", props, provider: { namespace: "team-a" } });
        assert.match(result.messages[0], /^Service "team-a\/1app"/);
    });

    describe("config", () => {
        it("exclude skips matching Services", async () => {
            const result = await runResourcePolicy(serviceName, { type: SERVICE, name: "s", props: service("1app", "x") }, { config: { exclude: ["shop/*"] } });
            assert.deepStrictEqual(result.messages, []);
        });
        it("enforcementLevel advisory downgrades the violation", async () => {
            const result = await runResourcePolicy(serviceName, { type: SERVICE, name: "s", props: service("1app", "x") }, { config: "advisory" });
            assert.strictEqual(result.violations[0].level, "advisory");
        });
    });
});
