// The component as the plugin serves it to other languages: @pulumi/pulumi's ComponentProvider
// constructs it from deserialized inputs and returns the outputs its schema declares.
import * as assert from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { registrations, registrationsDone, resetRegistrations, valueOf } from "../helpers/mocks";
import { CanaryDelivery } from "../../provider/src";
import { scenario } from "../helpers/scenarios";

const PROVIDER_DIR = path.resolve(__dirname, "..", "..", "provider");
const TOKEN = "canary-delivery:index:CanaryDelivery";

describe("CanaryDelivery hosted by the ComponentProvider", function () {
    this.timeout(120000);
    const provider = new ComponentProvider({ components: [CanaryDelivery], name: "canary-delivery", dirname: PROVIDER_DIR, version: "0.1.0" });
    beforeEach(resetRegistrations);

    it("constructs from inputs as another language sends them and returns every schema output", async () => {
        const args = { ...scenario("istio-host").args, template: { image: pulumi.output("ghcr.io/acme/shop:2.0") } };
        const result = await provider.construct("shop", TOKEN, args, {});
        const schema = JSON.parse(await provider.getSchema());
        const declared = Object.keys(schema.resources[TOKEN].properties).sort();
        assert.deepStrictEqual(Object.keys(result.state).sort(), declared);
        assert.strictEqual(await valueOf(result.state.plan as pulumi.Output<string>), "10% for 5m, 30% until promoted, 60% for 10m, 100%; full promotion after at least 15m, plus 1 manual promotion at stage 2");
        await registrationsDone();
        assert.ok(registrations.some((r) => r.name === "shop-rollout"), registrations.map((r) => r.name).join(", "));
    });

    it("rejects invalid inputs with an InputPropertiesError, which the host returns property by property", async () => {
        await assert.rejects(
            provider.construct("bad", TOKEN, { template: { image: "x" }, replicas: -1, steps: [{ weight: 120 }] }, {}),
            (err: unknown) => {
                assert.ok(pulumi.InputPropertiesError.isInstance(err));
                // The engine prints one line per property error: each carries its path and reason.
                assert.deepStrictEqual(err.errors, [
                    { propertyPath: "replicas", reason: "must be at least 0" },
                    { propertyPath: "steps[0].weight", reason: "must be a percentage from 0 to 100" },
                ]);
                return true;
            },
        );
        // Every registration the failed construct started has finished by now, late ones included.
        await registrationsDone();
        assert.deepStrictEqual(registrations.filter((r) => r.name.startsWith("bad")), []);
    });
});
