import { GENERATED_NAME_PREFIX_MAX, MAX_RELEASE_KEEPING_POD_HASH, podNamesKeepHash } from "../lib/names";
import { ROLLOUTS, resourcePolicy } from "../lib/policy";

interface Config {
    maxLength: number;
}

/**
 * Pods are named from the first 58 characters of `<rollout>-<hash>-`; above 46 characters the pod
 * template hash is cut, so pods of the canary and stable revisions can no longer be told apart by
 * name (dashboards and queries by pod name). Works, hence advisory.
 */
export const podNameHash = resourcePolicy<Config>({
    name: "canary-pod-name-hash",
    description: "Rollout names short enough for pod names to keep the pod template hash.",
    enforcementLevel: "advisory",
    config: {
        maxLength: {
            type: "integer",
            minimum: 1,
            maximum: 253,
            default: MAX_RELEASE_KEEPING_POD_HASH,
            description: `Longest Rollout name reported as fine. Defaults to ${MAX_RELEASE_KEEPING_POD_HASH}: "<rollout>-<10-character hash>-" then still fits the ${GENERATED_NAME_PREFIX_MAX} characters pod names are generated from.`,
        },
    },
    appliesTo: ROLLOUTS,
    validate: ({ object: rollout, who, config }, report) => {
        if (!podNamesKeepHash(rollout.name, config.maxLength)) {
            report(
                `${who}: metadata.name is ${rollout.name.length} characters, above ${config.maxLength}: ` +
                    `pods are named from the first ${GENERATED_NAME_PREFIX_MAX} characters of "<rollout>-<pod-template-hash>-", so the hash is cut ` +
                    `from pod names and canary and stable pods cannot be told apart by name.`,
            );
        }
    },
});
