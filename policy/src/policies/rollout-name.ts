import { ResourceValidationPolicy } from "@pulumi/policy";
import { configSchema, isExcluded, readConfig } from "../lib/config";
import { ROLLOUT } from "../lib/kinds";
import { subject } from "../lib/manifest";
import { rfc1123Label } from "../lib/names";
import { forTypes, isType } from "../lib/policy";

const schema = configSchema({
    maxLength: {
        type: "integer",
        minimum: 1,
        maximum: 253,
        default: 63,
        description: "Longest Rollout name allowed. Defaults to 63 (an RFC 1123 label, the rule of release names).",
    },
});

interface Config {
    maxLength: number;
    exclude: string[];
}

/** Rollout names are RFC 1123 labels of at most 63 characters (the release-name rule; pods and Services derive from them). */
export const rolloutName: ResourceValidationPolicy = {
    name: "canary-rollout-name",
    description: "Rollout names are RFC 1123 labels of at most 63 characters.",
    enforcementLevel: "mandatory",
    configSchema: schema,
    validateResource: forTypes(isType(ROLLOUT), "Argo Rollouts Rollouts", (rollout, args, report) => {
        const config = readConfig<Config>(args, schema);
        if (isExcluded(config.exclude, rollout.namespace, rollout.name)) return;
        const problem = rfc1123Label(rollout.name, config.maxLength);
        if (problem) {
            report(`${subject("Rollout", rollout.namespace, rollout.name)}: metadata.name "${rollout.name}" ${problem}.`);
        }
    }),
};
