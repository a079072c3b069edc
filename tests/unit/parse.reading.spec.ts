// Reading the arguments: getters and Proxies that throw, reserved map keys and inherited
// properties become problems at their path, the same whether the object was written in
// TypeScript or arrived through the plugin (plain objects, from JSON or without a prototype).
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import type { CanaryDeliveryArgs } from "../../provider/src/args";
import { findProblems, parseArgs } from "../../provider/src/parse";
import { render } from "../helpers/render";

// The plugin's own path: the engine's inputs as a protobuf Struct, deserialized by @pulumi/pulumi as
// its ComponentProvider does before it constructs the component.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Struct } = require("google-protobuf/google/protobuf/struct_pb.js") as { Struct: { fromJavaScript(v: unknown): unknown } };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rpc = require("@pulumi/pulumi/runtime/rpc") as { deserializeProperties(s: unknown): Record<string, unknown> };

function throughPlugin(json: string): unknown {
    return rpc.deserializeProperties(Struct.fromJavaScript(JSON.parse(json)));
}

const image = "ghcr.io/acme/shop:1.0";
const base = { template: { image }, steps: [{ weight: 10, pause: "5m" }, { weight: 50 }] };
const RESERVED = /is a reserved key: "__proto__", "constructor" and "prototype" are not allowed as keys/;

function problemsOf(args: unknown) {
    return findProblems("app", args as CanaryDeliveryArgs);
}

function expectAt(args: unknown, path: string, rule: RegExp) {
    const found = problemsOf(args);
    assert.ok(found.some((p) => p.path === path && rule.test(p.reason)), `expected ${path} ~ ${rule}; got:\n${found.map((p) => `  ${p.path}: ${p.reason}`).join("\n") || "  (nothing)"}`);
}

/** A map with `key` as an own property, as JSON.parse or the plugin's deserializer makes it. */
function fromJson(key: string, value: string): Record<string, string> {
    return JSON.parse(`{"app": "x", ${JSON.stringify(key)}: ${JSON.stringify(value)}}`) as Record<string, string>;
}

/** The same without a prototype. */
function bare(key: string, value: string): Record<string, string> {
    const map = Object.create(null) as Record<string, string>;
    map[key] = value;
    return map;
}

describe("reading the arguments", () => {
    describe("reserved map keys", () => {
        // Each string map, with where to put it.
        const maps: [string, (m: Record<string, string>) => object][] = [
            ["labels", (m) => ({ ...base, labels: m })],
            ["annotations", (m) => ({ ...base, annotations: m })],
            ["template.labels", (m) => ({ ...base, template: { image, labels: m } })],
            ["template.annotations", (m) => ({ ...base, template: { image, annotations: m } })],
            ["workloadRef.matchLabels", (m) => ({ steps: base.steps, workloadRef: { name: "shop", matchLabels: m } })],
            ["nginx.additionalIngressAnnotations", (m) => ({ ...base, nginx: { additionalIngressAnnotations: m } })],
        ];
        for (const key of ["__proto__", "constructor", "prototype"]) {
            for (const [path, place] of maps) {
                it(`${path}.${key} (from JSON)`, () => expectAt(place(fromJson(key, "x")), `${path}.${key}`, RESERVED));
                it(`${path}.${key} (no prototype)`, () => expectAt(place(bare(key, "x")), `${path}.${key}`, RESERVED));
            }
            it(`${key} as a TypeScript key, in a computed property`, () =>
                expectAt({ ...base, template: { image, labels: { [key]: "x" } } }, `template.labels.${key}`, RESERVED));
        }
        it("one clear error, not also 'not a known property' or a label rule", () => {
            const found = problemsOf({ ...base, labels: fromJson("__proto__", "x") });
            assert.deepStrictEqual(found.map((p) => p.path), ["labels.__proto__"]);
        });
        it("the same error from both shapes", () => {
            const a = problemsOf({ ...base, labels: fromJson("constructor", "x") });
            const b = problemsOf({ ...base, labels: bare("constructor", "x") });
            assert.deepStrictEqual(a, b);
        });
        it("never reaches a selector", () => {
            assert.throws(() => parseArgs("app", { steps: base.steps, workloadRef: { name: "shop", matchLabels: fromJson("constructor", "y") } } as CanaryDeliveryArgs), RESERVED);
        });
        for (const key of ["constructor", "prototype"]) {
            it(`${key} through the plugin's deserializer gives the same error`, () => {
                const json = `{"template": {"image": "${image}", "labels": {"${key}": "x"}}, "steps": [{"weight": 10}]}`;
                expectAt(throughPlugin(json), `template.labels.${key}`, RESERVED);
                assert.deepStrictEqual(problemsOf(throughPlugin(json)), problemsOf(JSON.parse(json)));
            });
        }
        it("__proto__ does not reach the component through the plugin's decoding: protobuf's JavaScript map drops it first", () => {
            // google-protobuf keeps map entries in a plain object, so the parser cannot see the key; the
            // plugin finds it in the raw request instead (tests/unit/plugin-dropped-keys.spec.ts gives the same error).
            const args = throughPlugin(`{"template": {"image": "${image}", "labels": {"__proto__": "x", "team": "a"}}, "steps": [{"weight": 10}]}`) as { template: { labels: object } };
            assert.deepStrictEqual(Object.keys(args.template.labels), ["team"]);
        });
        it("an object literal's __proto__ (which sets the prototype) is an inherited property, refused", () => {
            // eslint-disable-next-line no-proto
            const labels = { app: "x", __proto__: { team: "evil" } } as unknown as Record<string, string>;
            expectAt({ ...base, template: { image, labels } }, "template.labels", /inherits "team" from its prototype: pass a plain object/);
        });
        it("a map without a prototype and ordinary keys is fine", () => {
            const labels = Object.create(null) as Record<string, string>;
            labels.team = "shop";
            assert.deepStrictEqual(problemsOf({ ...base, template: { image, labels } }), []);
            const { manifests } = render("app", { ...base, template: { image, labels } } as CanaryDeliveryArgs);
            const rollout = manifests.children.find((c) => c.role === "rollout")!.manifest as unknown as { spec: { template: { metadata: { labels: Record<string, string> } } } };
            assert.strictEqual(rollout.spec.template.metadata.labels.team, "shop");
        });
    });

    describe("getters and Proxies that throw", () => {
        it("a getter on the arguments", () => {
            const args = { ...base, get replicas(): number { throw new Error("boom"); } };
            expectAt(args, "replicas", /could not be read: "boom"/);
        });
        it("a getter deep inside", () => {
            const retries = { get attempts(): number { throw new TypeError("no attempts"); } };
            expectAt({ ...base, istio: { retries } }, "istio.retries.attempts", /could not be read: "no attempts"/);
        });
        it("a Proxy whose ownKeys trap throws", () => {
            const template = new Proxy({ image }, { ownKeys() { throw new Error("no keys"); } });
            expectAt({ ...base, template }, "template", /could not be read: "no keys"/);
        });
        it("a Proxy whose get trap throws", () => {
            const steps = new Proxy([{ weight: 10 }], { get(t, k) { if (k === "length") throw new Error("no length"); return Reflect.get(t, k); } });
            expectAt({ ...base, steps }, "steps", /could not be read: "no length"/);
        });
        it("a revoked Proxy as the arguments", () => {
            const { proxy, revoke } = Proxy.revocable({}, {});
            revoke();
            expectAt(proxy, "args", /could not be read/);
        });
        it("a thrown non-Error value", () => {
            // eslint-disable-next-line no-throw-literal
            const args = { ...base, get namespace(): string { throw 42; } };
            expectAt(args, "namespace", /could not be read: "42"/);
        });
        it("a thrown value whose message itself throws", () => {
            const nasty = new Proxy(new Error("x"), { get() { throw new Error("again"); } });
            const args = { ...base, get namespace(): string { throw nasty; } };
            expectAt(args, "namespace", /could not be read/);
        });
        it("a Proxy whose then getter throws (Output and Promise detection)", () => {
            const image2 = new Proxy({}, { get(_, k) { if (k === "then" || k === "__pulumiOutput") throw new Error("trap"); return undefined; } });
            expectAt({ ...base, template: { image: image2 } }, "template.image", /could not be read: "trap"/);
        });
        it("is reported once, not also as missing", () => {
            const args = { ...base, get steps(): unknown[] { throw new Error("boom"); } };
            assert.deepStrictEqual(problemsOf(args).map((p) => p.path), ["steps"]);
        });
        it("parseArgs throws an InputPropertiesError, not the getter's error", () => {
            const args = { ...base, get replicas(): number { throw new Error("boom"); } };
            assert.throws(() => parseArgs("app", args as unknown as CanaryDeliveryArgs), (err: unknown) => pulumi.InputPropertiesError.isInstance(err));
        });
        it("a getter is read once: the pipeline sees the value the parser checked", () => {
            let reads = 0;
            const args = { ...base, get replicas(): number { reads++; return reads === 1 ? 3 : -5; } };
            const { resolved } = render("app", args as CanaryDeliveryArgs);
            assert.strictEqual(reads, 1);
            assert.strictEqual(resolved.replicas, 3);
        });
    });

    describe("shapes that are not trees", () => {
        it("a cycle", () => {
            const template: Record<string, unknown> = { image };
            template.self = template;
            expectAt({ ...base, template }, "template.self", /refers to itself/);
        });
        it("Outputs and Promises are kept as they are", () => {
            const ns = pulumi.output("shop");
            const parsed = parseArgs("app", { ...base, namespace: ns } as CanaryDeliveryArgs);
            assert.strictEqual(parsed.args.namespace, ns);
        });
    });
});
