import { SelectedStacks, stackOfUrn, stackSelection } from "../lib/config";
import { array, record } from "../lib/manifest";
import { ROLLOUTS, resourcePolicy } from "../lib/policy";
import { analysisTemplates, canaryOf, stepsOf } from "../lib/rollout";

const production = stackSelection({
    prefix: "production",
    what: "a production stack",
    stacks: "Production stacks, as `<stack>` or `<project>/<stack>` patterns with `*` (for example `prod*`). Defaults to none.",
    stackTags: "Stack tags marking a production stack, e.g. {\"environment\": \"production\"}; a value of \"*\" only requires the tag. Defaults to none.",
});

/**
 * Canary Rollouts of production stacks run an analysis (background, step, or experiment analysis),
 * so a failing canary is aborted and traffic returns to stable without a person watching.
 */
export const analysisRequired = resourcePolicy<SelectedStacks<"production">>({
    name: "canary-analysis-required",
    description: "Canary Rollouts in production stacks run an analysis (background or step).",
    enforcementLevel: "mandatory",
    config: production.properties,
    appliesTo: ROLLOUTS,
    notApplicable: production.notApplicable,
    validate: ({ object: rollout, who, args }, report) => {
        const canary = canaryOf(rollout.props);
        if (!canary) return;
        const background = analysisTemplates(canary.analysis).length > 0;
        const inSteps = stepsOf(rollout.props).some(
            s => analysisTemplates(s.body.analysis).length > 0 || array(record(s.body.experiment).analyses).length > 0,
        );
        if (background || inSteps) return;
        const stack = stackOfUrn(args.urn)?.stack ?? "(unknown)";
        report(
            `${who} is deployed by production stack "${stack}" but has no analysis: ` +
                `set spec.strategy.canary.analysis.templates (background) or add an analysis step, so a failing canary is aborted ` +
                `and traffic returns to stable automatically.`,
        );
    },
});
