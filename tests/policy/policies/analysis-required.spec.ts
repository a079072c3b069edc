import * as assert from "assert";
import { analysisRequired } from "../../../policy/src/pack";
import { runResourcePolicy, withStackConfig } from "../helpers/harness";
import { ROLLOUT, istioHostRollout } from "../helpers/manifests";

const withoutAnalysis = () => {
    const props = istioHostRollout();
    delete props.spec.strategy.canary.analysis;
    return { type: ROLLOUT, name: "r", props };
};
const production = { config: { productionStacks: ["prod*"] }, stack: "prod-eu" };

describe("canary-analysis-required", () => {
    it("passes a production Rollout with a background analysis", async () => {
        assert.deepStrictEqual((await runResourcePolicy(analysisRequired, { type: ROLLOUT, name: "r", props: istioHostRollout() }, production)).messages, []);
    });

    it("passes a production Rollout with a step analysis", async () => {
        const rollout = withoutAnalysis();
        rollout.props.spec.strategy.canary.steps.splice(2, 0, { analysis: { templates: [{ templateName: "latency", clusterScope: true }] } });
        assert.deepStrictEqual((await runResourcePolicy(analysisRequired, rollout, production)).messages, []);
    });

    it("fails a production Rollout without analysis", async () => {
        const result = await runResourcePolicy(analysisRequired, withoutAnalysis(), production);
        assert.deepStrictEqual(result.messages, [
            `Rollout "shop/checkout" is deployed by production stack "prod-eu" but has no analysis: set spec.strategy.canary.analysis.templates ` +
                `(background) or add an analysis step, so a failing canary is aborted and traffic returns to stable automatically.`,
        ]);
        assert.strictEqual(result.violations[0].level, "mandatory");
    });

    it("does not apply to other stacks, nor when no production stack is configured", async () => {
        assert.ok((await runResourcePolicy(analysisRequired, withoutAnalysis(), { ...production, stack: "dev" })).notApplicable);
        assert.ok((await runResourcePolicy(analysisRequired, withoutAnalysis(), { stack: "prod" })).notApplicable);
    });

    describe("config", () => {
        it("productionStackTags selects stacks by tag", async () => {
            const options = { config: { productionStackTags: { environment: "production" } }, stackTags: { environment: "production" } };
            assert.strictEqual((await runResourcePolicy(analysisRequired, withoutAnalysis(), options)).messages.length, 1);
            const staging = { ...options, stackTags: { environment: "staging" } };
            assert.ok((await runResourcePolicy(analysisRequired, withoutAnalysis(), staging)).notApplicable);
        });
        it("productionConfigKey: the stack marks itself with canary-delivery:production=true", async () => {
            const result = await withStackConfig({ "canary-delivery:production": "true" }, () =>
                runResourcePolicy(analysisRequired, withoutAnalysis(), { stack: "eu-main" }),
            );
            assert.match(result.messages[0], /is deployed by production stack "eu-main" but has no analysis/);
            const renamed = await withStackConfig({ "acme:tier": "true" }, () =>
                runResourcePolicy(analysisRequired, withoutAnalysis(), { stack: "eu-main", config: { productionConfigKey: "acme:tier" } }),
            );
            assert.strictEqual(renamed.messages.length, 1);
            const off = await withStackConfig({ "canary-delivery:production": "true" }, () =>
                runResourcePolicy(analysisRequired, withoutAnalysis(), { stack: "eu-main", config: { productionConfigKey: "" } }),
            );
            assert.ok(off.notApplicable);
        });
        it("productionStacks matches <project>/<stack>", async () => {
            const result = await runResourcePolicy(analysisRequired, withoutAnalysis(), { config: { productionStacks: ["shop/live"] }, stack: "live" });
            assert.strictEqual(result.messages.length, 1);
        });
        it("enforcementLevel advisory downgrades the violation", async () => {
            const result = await runResourcePolicy(analysisRequired, withoutAnalysis(), { ...production, config: { ...production.config, enforcementLevel: "advisory" } });
            assert.strictEqual(result.violations[0].level, "advisory");
        });
    });
});
