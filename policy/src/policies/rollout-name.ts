import { rfc1123Label } from "../lib/names";
import { ROLLOUTS, resourcePolicy } from "../lib/policy";

interface Config {
    maxLength: number;
}

/** Rollout names are RFC 1123 labels of at most 63 characters (the release-name rule; pods and Services derive from them). */
export const rolloutName = resourcePolicy<Config>({
    name: "canary-rollout-name",
    description: "Rollout names are RFC 1123 labels of at most 63 characters.",
    enforcementLevel: "mandatory",
    config: {
        maxLength: {
            type: "integer",
            minimum: 1,
            maximum: 253,
            default: 63,
            description: "Longest Rollout name allowed. Defaults to 63 (an RFC 1123 label, the rule of release names).",
        },
    },
    appliesTo: ROLLOUTS,
    validate: ({ object: rollout, who, config }, report) => {
        const problem = rfc1123Label(rollout.name, config.maxLength);
        if (problem) {
            report(`${who}: metadata.name "${rollout.name}" ${problem}.`);
        }
    },
});
