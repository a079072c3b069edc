// The pack's shared pieces: configuration defaults, patterns, stack selection, and how stack
// policies treat values that are unknown during preview.
import * as assert from "assert";
import { globMatch, isExcluded, readConfig, stackOfUrn, stackSelected } from "../../policy/src/lib/config";
import { istioSidecarInjection, rolloutName } from "../../policy/src/pack";
import { UNKNOWN_STRING, runResourcePolicy, runStackPolicy, withStackConfig } from "./helpers/harness";
import { NAMESPACE, ROLLOUT, find, hostSplitStack, istioHostRollout } from "./helpers/manifests";

describe("policy pack library", () => {
    describe("readConfig", () => {
        const schema = { properties: { limit: { type: "integer" as const, default: 63 }, names: { type: "array" as const, default: ["a"] } } };
        const source = (given: object) => ({ getConfig: <T extends object>() => given as T });

        it("fills in schema defaults for unset keys", () => {
            assert.deepStrictEqual(readConfig(source({}), schema), { limit: 63, names: ["a"] });
        });
        it("keeps what the user set, including falsy values", () => {
            assert.deepStrictEqual(readConfig(source({ limit: 0, names: [] }), schema), { limit: 0, names: [] });
        });
        it("does not share default objects between calls", () => {
            const first = readConfig<{ names: string[] }>(source({}), schema);
            first.names.push("changed");
            assert.deepStrictEqual(readConfig<{ names: string[] }>(source({}), schema).names, ["a"]);
        });
    });

    describe("patterns", () => {
        it("matches * as any run of characters and everything else literally", () => {
            assert.ok(globMatch("prod*", "prod-eu"));
            assert.ok(globMatch("*", ""));
            assert.ok(!globMatch("prod.eu", "prod-eu"));
            assert.ok(!globMatch("shop/(a)", "shop/a"));
        });
        it("excludes by <namespace>/<name> or <name>", () => {
            assert.ok(isExcluded(["shop/*"], "shop", "checkout"));
            assert.ok(isExcluded(["checkout"], "shop", "checkout"));
            assert.ok(!isExcluded(["cart"], "shop", "checkout"));
        });
    });

    describe("stack selection", () => {
        const urn = "urn:pulumi:prod-eu::shop::kubernetes:argoproj.io/v1alpha1:Rollout::checkout";
        it("reads the stack and project from a URN", () => {
            assert.deepStrictEqual(stackOfUrn(urn), { stack: "prod-eu", project: "shop" });
        });
        it("selects by stack name, project/stack, or every configured tag", () => {
            const none = new Map<string, string>();
            assert.ok(stackSelected({ stacks: ["prod*"], stackTags: {}, configKey: "" }, urn, none));
            assert.ok(stackSelected({ stacks: ["shop/prod-eu"], stackTags: {}, configKey: "" }, urn, none));
            assert.ok(!stackSelected({ stacks: ["prod"], stackTags: {}, configKey: "" }, urn, none));
            const tags = new Map([["environment", "production"], ["team", "payments"]]);
            assert.ok(stackSelected({ stacks: [], stackTags: { environment: "production", team: "*" }, configKey: "" }, urn, tags));
            assert.ok(!stackSelected({ stacks: [], stackTags: { environment: "production", region: "*" }, configKey: "" }, urn, tags));
        });
        it("selects by a stack configuration key set to true", async () => {
            const selector = { stacks: [], stackTags: {}, configKey: "canary-delivery:production" };
            assert.ok(!stackSelected(selector, urn, new Map()));
            await withStackConfig({ "canary-delivery:production": "True" }, () => assert.ok(stackSelected(selector, urn, new Map())));
            await withStackConfig({ "canary-delivery:production": "false" }, () => assert.ok(!stackSelected(selector, urn, new Map())));
        });
    });

    describe("values unknown during preview", () => {
        it("a resource policy that reads one is reported by the engine as an advisory can't-run diagnostic", async () => {
            const props = istioHostRollout();
            props.metadata.name = UNKNOWN_STRING;
            const result = await runResourcePolicy(rolloutName, { type: ROLLOUT, name: "checkout", props });
            assert.deepStrictEqual(result.violations, [
                { level: "advisory", message: "can't run policy 'canary-rollout-name' during preview: string value at .metadata.name can't be known during preview" },
            ]);
        });

        it("a stack policy skips only the resource holding it and still checks the others", async () => {
            const stack = hostSplitStack();
            find(stack, NAMESPACE, "shop").metadata.labels = {};
            const pending = istioHostRollout("cart");
            pending.spec.strategy.canary.trafficRouting.istio.virtualService.name = UNKNOWN_STRING;
            pending.metadata.namespace = UNKNOWN_STRING;
            stack.push({ type: ROLLOUT, name: "cart", props: pending });
            const result = await runStackPolicy(istioSidecarInjection, stack);
            assert.strictEqual(result.messages.length, 1);
            assert.match(result.messages[0], /but Rollout "shop\/checkout" routes traffic with Istio/);
        });
    });
});
