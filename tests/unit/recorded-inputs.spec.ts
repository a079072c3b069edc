// The component's recorded inputs and arguments: header values (they go into a Kubernetes Secret)
// become Pulumi secrets, whatever shape the program gave them; the image is left to the Rollout.
import * as pulumi from "@pulumi/pulumi";
import * as assert from "assert";
import type { CanaryDeliveryArgs } from "../../provider/src/args";
import { recordedArguments, recordedInputs } from "../../provider/src/recorded-inputs";

const isSecret = (x: unknown) => (x as { isSecret: Promise<boolean> }).isSecret;
const base: CanaryDeliveryArgs = { template: { image: "shop:1" }, istio: {}, steps: [{ weight: 20 }] };

describe("recorded inputs", () => {
    it("are the release name (null when unset), the namespace and the routing blocks, as given: nothing that changes with an image", () => {
        const args: CanaryDeliveryArgs = { ...base, namespace: "shop", service: { port: 80 }, analysis: { prometheus: { address: "http://p:9090" } }, replicas: 3 };
        assert.deepStrictEqual(recordedInputs(args), { releaseName: null, namespace: "shop", istio: {}, service: { port: 80 } });
        assert.deepStrictEqual(recordedInputs({ template: { image: "a" }, releaseName: "r", nginx: { stableIngress: "i" } } as CanaryDeliveryArgs),
            { releaseName: "r", nginx: { stableIngress: "i" } });
        assert.deepStrictEqual(recordedInputs({ template: { image: "a" }, gatewayApi: { httpRoute: "h" } } as unknown as CanaryDeliveryArgs), { releaseName: null, gatewayApi: { httpRoute: "h" } });
    });
});

describe("recorded arguments", () => {
    it("leave the pod template's image out (the Rollout's state holds it), and keep the rest of the template", () => {
        const args: CanaryDeliveryArgs = { ...base, template: { image: "shop:1", containerName: "web", env: [{ name: "A", value: "1" }] } };
        assert.deepStrictEqual(recordedArguments(args), { ...base, template: { containerName: "web", env: [{ name: "A", value: "1" }] } });
        assert.strictEqual(args.template!.image, "shop:1", "the caller's object is not changed");
        // So two releases that differ in their image alone record the same arguments: no state write.
        assert.deepStrictEqual(recordedArguments({ ...base, template: { image: "shop:2" } }), recordedArguments(base));
    });

    it("without a template or header values the arguments are passed on unchanged", () => {
        const adopted: CanaryDeliveryArgs = { workloadRef: { name: "shop", matchLabels: { app: "shop" } }, istio: {}, steps: [{ weight: 20 }] };
        assert.strictEqual(recordedArguments(adopted), adopted);
        const withRef: CanaryDeliveryArgs = { ...adopted, analysis: { prometheus: { address: "http://p:9090", headers: [{ name: "A", secretKeyRef: { name: "s", key: "k" } }] } } };
        assert.deepStrictEqual(recordedArguments(withRef), withRef);
    });

    it("a plain-string header value becomes a secret; name, address and the original args stay as they were", async () => {
        const args: CanaryDeliveryArgs = { ...base, analysis: { prometheus: { address: "http://p:9090", headers: [{ name: "Authorization", value: "Bearer t" }] } } };
        const recorded = recordedArguments(args);
        const header = recorded.analysis!.prometheus!.headers![0];
        assert.strictEqual(header.name, "Authorization");
        assert.strictEqual(recorded.analysis!.prometheus!.address, "http://p:9090");
        assert.strictEqual(await isSecret(header.value), true);
        assert.strictEqual(args.analysis!.prometheus!.headers![0].value, "Bearer t", "the caller's object is not changed");
    });

    it("a webhook's plain-string header value becomes a secret too", async () => {
        const args: CanaryDeliveryArgs = { ...base, analysis: { webhooks: [{ name: "gate", url: "http://g/", headers: [{ name: "Authorization", value: "Bearer t" }] }] } };
        const header = recordedArguments(args).analysis!.webhooks![0].headers![0];
        assert.strictEqual(header.name, "Authorization");
        assert.strictEqual(await isSecret(header.value), true);
    });

    it("a container that is an Output (as a program may pass) is made a secret whole", async () => {
        const headers = pulumi.output([{ name: "Authorization", value: "Bearer t" }]);
        const recorded = recordedArguments({ ...base, analysis: { prometheus: { address: "http://p:9090", headers: headers as never } } });
        assert.strictEqual(await isSecret(recorded.analysis!.prometheus!.headers), true);
        const analysis = pulumi.output({ prometheus: { address: "http://p:9090", headers: [{ name: "A", value: "v" }] } });
        assert.strictEqual(await isSecret(recordedArguments({ ...base, analysis: analysis as never }).analysis), true);
    });
});
