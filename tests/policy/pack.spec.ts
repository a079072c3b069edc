// The pack as a whole: naming conventions, config schemas, and the pack served by its own entry
// point (policy/src/index.ts) answering the Analyzer protocol as the Pulumi CLI would call it.
import * as assert from "assert";
import Ajv from "ajv";
import { PACK_NAME, policies } from "../../policy/src/pack";
import { analyze, analyzeStack, analyzerInfo, configure, LEVEL_NAMES, remediate, ServedPack, servePack } from "./helpers/served-pack";
import { NAMESPACE, ROLLOUT, find, hostSplitStack, istioHostRollout, namespace } from "./helpers/manifests";

describe("canary-delivery policy pack", () => {
    it("names every policy in kebab case with the canary- prefix, once", () => {
        const names = policies.map(p => p.name);
        assert.deepStrictEqual(new Set(names).size, names.length);
        for (const name of names) assert.match(name, /^canary-[a-z0-9]+(-[a-z0-9]+)*$/);
    });

    it("gives every policy a description, an enforcement level and a config schema with `exclude`", () => {
        for (const p of policies) {
            assert.ok(p.description.length > 20, p.name);
            assert.ok(p.enforcementLevel, p.name);
            assert.ok(p.configSchema?.properties.exclude, p.name);
            assert.ok(!("enforcementLevel" in p.configSchema!.properties), `${p.name}: enforcementLevel is reserved`);
        }
    });

    it("documents a default for every config key, and the defaults satisfy the schema", () => {
        const ajv = new Ajv({ strict: false });
        for (const p of policies) {
            const properties = p.configSchema!.properties;
            const defaults = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, v.default]));
            for (const [key, value] of Object.entries(defaults)) assert.notStrictEqual(value, undefined, `${p.name}.${key} has no default`);
            const validate = ajv.compile({ type: "object", properties });
            assert.ok(validate(defaults), `${p.name}: ${ajv.errorsText(validate.errors)}`);
        }
    });

    describe("served by policy/src/index.ts", function () {
        // Starting Node with ts-node takes a few seconds, longer while the machine builds Go.
        this.timeout(120_000);
        let pack: ServedPack;
        before(async () => {
            pack = await servePack(100_000, { "canary-delivery:production": "true" });
        });
        after(() => pack?.stop());

        it("describes the pack and all its policies with their default levels", async () => {
            const info = await analyzerInfo(pack);
            assert.strictEqual(info.getName(), PACK_NAME);
            const served = info.getPoliciesList().map(p => [p.getName(), LEVEL_NAMES[p.getEnforcementlevel()]]);
            assert.deepStrictEqual(served, policies.map(p => [p.name, p.enforcementLevel]));
            const schema = info.getPoliciesList()[0].getConfigschema()?.getProperties()?.toJavaScript();
            assert.ok(schema && "exclude" in schema);
        });

        it("reports a violation with the description above the message, at the configured level", async () => {
            await configure(pack, {
                "canary-pod-name-hash": { enforcementLevel: "mandatory" },
                "canary-istio-namespace-label": { enforcementLevel: "remediate", meshNamespaces: ["shop"] },
            });
            const props = istioHostRollout("p".repeat(50));
            const diagnostics = await analyze(pack, ROLLOUT, "checkout", props);
            assert.deepStrictEqual(
                diagnostics.map(d => [d.policy, d.level]),
                [["canary-pod-name-hash", "mandatory"]],
            );
            assert.match(diagnostics[0].message, /^Rollout names short enough for pod names to keep the pod template hash\.\nRollout "shop\/p{50}": metadata.name is 50 characters/);
        });

        it("reads the stack's own configuration: canary-delivery:production=true requires an analysis", async () => {
            const props = istioHostRollout();
            delete props.spec.strategy.canary.analysis;
            const diagnostics = await analyze(pack, ROLLOUT, "checkout", props);
            assert.deepStrictEqual(diagnostics.map(d => [d.policy, d.level]), [["canary-analysis-required", "mandatory"]]);
        });

        it("remediates a mesh Namespace by adding the injection label", async () => {
            const remediations = await remediate(pack, NAMESPACE, "shop", namespace("shop", {}));
            assert.deepStrictEqual(remediations, [
                {
                    policy: "canary-istio-namespace-label",
                    properties: { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop", labels: { "istio-injection": "enabled" } } },
                },
            ]);
        });

        it("checks the stack and points at the resource in violation", async () => {
            const stack = hostSplitStack();
            find(stack, NAMESPACE, "shop").metadata.labels = {};
            const diagnostics = await analyzeStack(pack, stack);
            assert.deepStrictEqual(
                diagnostics.map(d => [d.policy, d.level, d.urn]),
                [["canary-istio-sidecar-injection", "mandatory", `urn:pulumi:dev::shop::${NAMESPACE}::shop`]],
            );
        });
    });
});
