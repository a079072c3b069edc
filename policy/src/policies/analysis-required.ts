import { ResourceValidationPolicy } from "@pulumi/policy";
import { StackSelector, configSchema, isExcluded, readConfig, stackOfUrn, stackSelected } from "../lib/config";
import { ROLLOUT } from "../lib/kinds";
import { array, record, subject } from "../lib/manifest";
import { forTypes, isType } from "../lib/policy";
import { analysisTemplates, canaryOf, stepsOf } from "../lib/rollout";

const schema = configSchema({
    productionStacks: {
        type: "array",
        items: { type: "string" },
        default: [],
        description: "Production stacks, as `<stack>` or `<project>/<stack>` patterns with `*` (for example `prod*`). Defaults to none.",
    },
    productionStackTags: {
        type: "object",
        additionalProperties: { type: "string" },
        default: {},
        description: "Stack tags marking a production stack, e.g. {\"environment\": \"production\"}; a value of \"*\" only requires the tag. Defaults to none.",
    },
    productionConfigKey: {
        type: "string",
        default: "canary-delivery:production",
        description:
            "Stack configuration key that marks a production stack when set to true in the stack " +
            "(`pulumi config set canary-delivery:production true`). Defaults to \"canary-delivery:production\"; \"\" turns it off.",
    },
});

interface Config {
    productionStacks: string[];
    productionStackTags: Record<string, string>;
    productionConfigKey: string;
    exclude: string[];
}

/**
 * Canary Rollouts of production stacks run an analysis (background, step, or experiment analysis),
 * so a failing canary is aborted and traffic returns to stable without a person watching.
 */
export const analysisRequired: ResourceValidationPolicy = {
    name: "canary-analysis-required",
    description: "Canary Rollouts in production stacks run an analysis (background or step).",
    enforcementLevel: "mandatory",
    configSchema: schema,
    validateResource: forTypes(isType(ROLLOUT), "Argo Rollouts Rollouts", (rollout, args, report) => {
        const config = readConfig<Config>(args, schema);
        const selector: StackSelector = {
            stacks: config.productionStacks,
            stackTags: config.productionStackTags,
            configKey: config.productionConfigKey,
        };
        if (!stackSelected(selector, args.urn, args.stackTags)) {
            args.notApplicable("not a production stack (productionStacks, productionStackTags, productionConfigKey)");
        }
        const canary = canaryOf(rollout.props);
        if (!canary || isExcluded(config.exclude, rollout.namespace, rollout.name)) return;
        const background = analysisTemplates(canary.analysis).length > 0;
        const inSteps = stepsOf(rollout.props).some(
            s => analysisTemplates(s.body.analysis).length > 0 || array(record(s.body.experiment).analyses).length > 0,
        );
        if (background || inSteps) return;
        const stack = stackOfUrn(args.urn)?.stack ?? "(unknown)";
        report(
            `${subject("Rollout", rollout.namespace, rollout.name)} is deployed by production stack "${stack}" but has no analysis: ` +
                `set spec.strategy.canary.analysis.templates (background) or add an analysis step, so a failing canary is aborted ` +
                `and traffic returns to stable automatically.`,
        );
    }),
};
