import { ResourceValidationPolicy } from "@pulumi/policy";
import { StackSelector, configSchema, isExcluded, readConfig, stackOfUrn, stackSelected } from "../lib/config";
import { ROLLOUT } from "../lib/kinds";
import { isRecord, subject } from "../lib/manifest";
import { forTypes, isType } from "../lib/policy";
import { stepsOf } from "../lib/rollout";

const schema = configSchema({
    automatedStacks: {
        type: "array",
        items: { type: "string" },
        default: [],
        description: "Fully automated stacks (no one promotes by hand), as `<stack>` or `<project>/<stack>` patterns with `*`. Defaults to none.",
    },
    automatedStackTags: {
        type: "object",
        additionalProperties: { type: "string" },
        default: {},
        description: "Stack tags marking a fully automated stack, e.g. {\"delivery\": \"automated\"}; \"*\" only requires the tag. Defaults to none.",
    },
    automatedConfigKey: {
        type: "string",
        default: "canary-delivery:automated",
        description:
            "Stack configuration key that marks a fully automated stack when set to true in the stack " +
            "(`pulumi config set canary-delivery:automated true`). Defaults to \"canary-delivery:automated\"; \"\" turns it off.",
    },
});

interface Config {
    automatedStacks: string[];
    automatedStackTags: Record<string, string>;
    automatedConfigKey: string;
    exclude: string[];
}

/**
 * In stacks configured as fully automated, a `pause: {}` (no duration) stops the release until a
 * person runs `kubectl argo rollouts promote`; reported so it is a decision, not an accident.
 */
export const indefinitePause: ResourceValidationPolicy = {
    name: "canary-indefinite-pause",
    description: "Canary steps in fully automated stacks do not pause indefinitely (pause: {} waits for a manual promotion).",
    enforcementLevel: "advisory",
    configSchema: schema,
    validateResource: forTypes(isType(ROLLOUT), "Argo Rollouts Rollouts", (rollout, args, report) => {
        const config = readConfig<Config>(args, schema);
        const selector: StackSelector = {
            stacks: config.automatedStacks,
            stackTags: config.automatedStackTags,
            configKey: config.automatedConfigKey,
        };
        if (!stackSelected(selector, args.urn, args.stackTags)) {
            args.notApplicable("not a fully automated stack (automatedStacks, automatedStackTags, automatedConfigKey)");
        }
        if (isExcluded(config.exclude, rollout.namespace, rollout.name)) return;
        const stack = stackOfUrn(args.urn)?.stack ?? "(unknown)";
        for (const step of stepsOf(rollout.props)) {
            const pause = step.body.pause;
            if (!isRecord(pause) || (pause.duration !== undefined && pause.duration !== null)) continue;
            report(
                `${subject("Rollout", rollout.namespace, rollout.name)}: ${step.path}.pause has no duration, so the release waits for a ` +
                    `manual promotion, but stack "${stack}" is configured as fully automated; give the pause a duration or gate the step with an analysis.`,
            );
        }
    }),
};
