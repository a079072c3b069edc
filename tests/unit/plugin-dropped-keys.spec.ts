// A `__proto__` map key through the plugin: @pulumi/pulumi's decoding of the Construct request
// (google-protobuf's Struct) drops it before the component runs, so the plugin's request decoder is
// wrapped to find such keys in the raw bytes (provider/src/plugin), and the parser reports them as
// it reports the ones a TypeScript program passes. Requests here are real ConstructRequest bytes.
import * as assert from "assert";
import { droppedKeyPaths } from "../../provider/src/plugin/dropped-keys";
import { guardConstruct, takeDroppedKeys } from "../../provider/src/plugin/guard";
import { findProblems, parseArgs } from "../../provider/src/parse";
import type { CanaryDeliveryArgs } from "../../provider/src/args";

/* eslint-disable @typescript-eslint/no-require-imports */
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
const providerPb = require("@pulumi/pulumi/proto/provider_pb");
const providerGrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const rpc = require("@pulumi/pulumi/runtime/rpc") as { deserializeProperties(s: unknown): Record<string, unknown> };
/* eslint-enable @typescript-eslint/no-require-imports */

// Same length as "__proto__": the placeholder is swapped in the encoded bytes, which keeps every length prefix valid.
const PLACEHOLDER = "__PROTO__";
const SECRET_SIG = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

/** The bytes the engine sends: a ConstructRequest whose inputs are `inputs`, with PLACEHOLDER keys made "__proto__". */
function constructRequest(inputs: object, name = "shop"): Buffer {
    const req = new providerPb.ConstructRequest();
    req.setType("canary-delivery:index:CanaryDelivery");
    req.setName(name);
    req.setInputs(Struct.fromJavaScript(inputs));
    const bytes = Buffer.from(req.serializeBinary());
    let at = bytes.indexOf(PLACEHOLDER);
    while (at >= 0) {
        bytes.write("__proto__", at, "utf8");
        at = bytes.indexOf(PLACEHOLDER, at + 1);
    }
    return bytes;
}

const image = "ghcr.io/acme/shop:1.0";
const withLabels = { template: { image, labels: { [PLACEHOLDER]: "x", team: "shop" } }, steps: [{ weight: 10 }] };

describe("reserved keys through the plugin (the Construct request's raw bytes)", () => {
    it("the SDK's decoding drops a __proto__ key: the component would never see it", () => {
        const decoded = providerPb.ConstructRequest.deserializeBinary(new Uint8Array(constructRequest(withLabels)));
        const args = rpc.deserializeProperties(decoded.getInputs()) as { template: { labels: object } };
        assert.deepStrictEqual(Object.keys(args.template.labels), ["team"]);
    });

    it("finds it in the raw request, at the path the parser prints", () => {
        assert.deepStrictEqual(droppedKeyPaths(constructRequest(withLabels)), ["template.labels.__proto__"]);
    });

    it("inside lists, and inside a secret (the path is the property's, not the wrapper's)", () => {
        const inputs = {
            template: { image, annotations: { ...SECRET_SIG, value: { [PLACEHOLDER]: "x" } } },
            steps: [{ weight: 10 }, { weight: 20, [PLACEHOLDER]: { a: 1 } }],
        };
        assert.deepStrictEqual(droppedKeyPaths(constructRequest(inputs)).sort(), ["steps[1].__proto__", "template.annotations.__proto__"]);
    });

    it("a value (not a key) of __proto__ is not a dropped key, and a request without one costs one scan", () => {
        assert.deepStrictEqual(droppedKeyPaths(constructRequest({ template: { image, labels: { team: PLACEHOLDER } }, steps: [] })), []);
        assert.deepStrictEqual(droppedKeyPaths(constructRequest({ template: { image }, steps: [] })), []);
    });

    it("bytes that are not protobuf find nothing and do not throw", () => {
        assert.deepStrictEqual(droppedKeyPaths(Buffer.from([0x52, 0xff, 0xff, 0xff, 0x0f, 0x5f, 0x5f, 0x70, 0x72, 0x6f, 0x74, 0x6f, 0x5f, 0x5f])), []);
    });

    it("the wrapped decoder notes them per component, for one taking", () => {
        const service = { construct: { ...providerGrpc.ResourceProviderService.construct } };
        guardConstruct(service);
        guardConstruct(service); // idempotent
        const decoded = service.construct.requestDeserialize(constructRequest(withLabels, "web"));
        assert.strictEqual(decoded.getName(), "web");
        assert.deepStrictEqual(takeDroppedKeys("canary-delivery:index:CanaryDelivery", "web"), ["template.labels.__proto__"]);
        assert.deepStrictEqual(takeDroppedKeys("canary-delivery:index:CanaryDelivery", "web"), []);
    });

    it("the parser gives the error a TypeScript program gets for the same key", () => {
        const fromTypeScript = findProblems("shop", { template: { image, labels: JSON.parse('{"__proto__": "x", "team": "shop"}') }, steps: [{ weight: 10 }] } as CanaryDeliveryArgs);
        const decoded = providerPb.ConstructRequest.deserializeBinary(new Uint8Array(constructRequest(withLabels)));
        const args = rpc.deserializeProperties(decoded.getInputs()) as unknown as CanaryDeliveryArgs;
        assert.throws(() => parseArgs("shop", args, "provider", droppedKeyPaths(constructRequest(withLabels))), (err: Error & { errors?: { propertyPath: string; reason: string }[] }) => {
            assert.deepStrictEqual(err.errors?.map((e) => [e.propertyPath, e.reason]), fromTypeScript.map((p) => [p.path, p.reason]));
            return true;
        });
    });
});
