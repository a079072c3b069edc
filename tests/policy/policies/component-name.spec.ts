import * as assert from "assert";
import { componentName } from "../../../policy/src/pack";
import { runResourcePolicy } from "../helpers/harness";
import { CANARY_DELIVERY } from "../helpers/manifests";

// The component's inputs as its SDK sends them (provider/src/args.ts): releaseName defaults to the resource name.
const args = (extra: Record<string, unknown> = {}) => ({
    namespace: "shop",
    steps: [{ weight: 20, pause: "5m" }, { weight: 100 }],
    template: { image: "ghcr.io/acme/checkout:1.4.2" },
    ...extra,
});

describe("canary-component-name", () => {
    it("passes a resource name that is a valid release name", async () => {
        const result = await runResourcePolicy(componentName, { type: CANARY_DELIVERY, name: "checkout", props: args({ istio: {} }) });
        assert.deepStrictEqual(result.messages, []);
    });

    it("fails an invalid releaseName, naming the argument", async () => {
        const result = await runResourcePolicy(componentName, { type: CANARY_DELIVERY, name: "checkout", props: args({ releaseName: "Checkout" }) });
        assert.deepStrictEqual(result.messages, [
            `CanaryDelivery "checkout": releaseName "Checkout" must be an RFC 1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit.`,
        ]);
    });

    it("fails a too long resource name when releaseName is unset", async () => {
        const name = "r".repeat(64);
        const result = await runResourcePolicy(componentName, { type: CANARY_DELIVERY, name, props: args() });
        assert.deepStrictEqual(result.messages, [
            `CanaryDelivery "${name}": resource name "${name}" (used as the release name: releaseName is unset) must be at most 63 characters (RFC 1123 label), got 64.`,
        ]);
    });

    it("fails a release name starting with a digit when the component creates Services", async () => {
        const result = await runResourcePolicy(componentName, { type: CANARY_DELIVERY, name: "1app", props: args({ nginx: { host: "a.example.com" } }) });
        assert.deepStrictEqual(result.messages, [
            `CanaryDelivery "1app": resource name "1app" (used as the release name: releaseName is unset) must start with a letter (RFC 1035 label, required of Service names): the component names its Services after the release.`,
        ]);
    });

    it("passes a release name starting with a digit when no Service is created", async () => {
        const result = await runResourcePolicy(componentName, { type: CANARY_DELIVERY, name: "1app", props: args() });
        assert.deepStrictEqual(result.messages, []);
    });

    it("does not apply when the component registers without inputs (releaseName cannot be seen)", async () => {
        const result = await runResourcePolicy(componentName, { type: CANARY_DELIVERY, name: "Checkout_Main", props: {} });
        assert.deepStrictEqual(result.messages, []);
        assert.match(result.notApplicable!, /sent no inputs/);
    });

    describe("config", () => {
        it("maxLength lowers the limit", async () => {
            const result = await runResourcePolicy(componentName, { type: CANARY_DELIVERY, name: "checkout-eu-west", props: args() }, { config: { maxLength: 12 } });
            assert.match(result.messages[0], /must be at most 12 characters/);
        });
        it("exclude skips a release name", async () => {
            const result = await runResourcePolicy(componentName, { type: CANARY_DELIVERY, name: "Legacy", props: args() }, { config: { exclude: ["Legacy"] } });
            assert.deepStrictEqual(result.messages, []);
        });
        it("enforcementLevel disabled turns it off", async () => {
            const result = await runResourcePolicy(componentName, { type: CANARY_DELIVERY, name: "Bad", props: args() }, { config: "disabled" });
            assert.deepStrictEqual(result.messages, []);
        });
    });
});
