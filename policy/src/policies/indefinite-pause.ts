import { SelectedStacks, stackOfUrn, stackSelection } from "../lib/config";
import { isRecord } from "../lib/manifest";
import { ROLLOUTS, resourcePolicy } from "../lib/policy";
import { stepsOf } from "../lib/rollout";

const automated = stackSelection({
    prefix: "automated",
    what: "a fully automated stack",
    stacks: "Fully automated stacks (no one promotes by hand), as `<stack>` or `<project>/<stack>` patterns with `*`. Defaults to none.",
    stackTags: "Stack tags marking a fully automated stack, e.g. {\"delivery\": \"automated\"}; \"*\" only requires the tag. Defaults to none.",
});

/**
 * In stacks configured as fully automated, a `pause: {}` (no duration) stops the release until a
 * person runs `kubectl argo rollouts promote`; reported so it is a decision, not an accident.
 */
export const indefinitePause = resourcePolicy<SelectedStacks<"automated">>({
    name: "canary-indefinite-pause",
    description: "Canary steps in fully automated stacks do not pause indefinitely (pause: {} waits for a manual promotion).",
    enforcementLevel: "advisory",
    config: automated.properties,
    appliesTo: ROLLOUTS,
    notApplicable: automated.notApplicable,
    validate: ({ object: rollout, who, args }, report) => {
        const stack = stackOfUrn(args.urn)?.stack ?? "(unknown)";
        for (const step of stepsOf(rollout.props)) {
            const pause = step.body.pause;
            if (!isRecord(pause) || (pause.duration !== undefined && pause.duration !== null)) continue;
            report(
                `${who}: ${step.path}.pause has no duration, so the release waits for a ` +
                    `manual promotion, but stack "${stack}" is configured as fully automated; give the pause a duration or gate the step with an analysis.`,
            );
        }
    },
});
