import { ResourceValidationPolicy } from "@pulumi/policy";
import { configSchema, isExcluded, readConfig } from "../lib/config";
import { ROLLOUT, SERVICE, isKubernetesObject } from "../lib/kinds";
import { Json, isRecord, record, subject } from "../lib/manifest";
import { labelValue, qualifiedName } from "../lib/names";
import { forTypes } from "../lib/policy";

const schema = configSchema({
    checkKeys: {
        type: "boolean",
        default: true,
        description: "Also check label keys (an optional DNS subdomain prefix and '/', then a name of at most 63 characters). Defaults to true.",
    },
});

interface Config {
    checkKeys: boolean;
    exclude: string[];
}

/** Every label map of an object the API server validates, with its field path. */
function labelMaps(kindType: string, props: Json): { path: string; labels: Json }[] {
    const spec = record(props.spec);
    const maps: { path: string; labels: unknown }[] = [
        { path: "metadata.labels", labels: record(props.metadata).labels },
        { path: "spec.template.metadata.labels", labels: record(record(spec.template).metadata).labels },
        { path: "spec.selector.matchLabels", labels: record(spec.selector).matchLabels },
    ];
    if (kindType === SERVICE) maps.push({ path: "spec.selector", labels: spec.selector });
    if (kindType === ROLLOUT) {
        const canary = record(record(spec.strategy).canary);
        maps.push({ path: "spec.strategy.canary.canaryMetadata.labels", labels: record(canary.canaryMetadata).labels });
        maps.push({ path: "spec.strategy.canary.stableMetadata.labels", labels: record(canary.stableMetadata).labels });
    }
    return maps.filter((m): m is { path: string; labels: Json } => isRecord(m.labels));
}

/** Label values are at most 63 characters (and keys qualified names): the API server rejects anything else. */
export const labels: ResourceValidationPolicy = {
    name: "canary-labels",
    description: "Label values are at most 63 characters of the label-value alphabet; label keys are qualified names.",
    enforcementLevel: "mandatory",
    configSchema: schema,
    validateResource: forTypes(isKubernetesObject, "Kubernetes objects", (object, args, report) => {
        const config = readConfig<Config>(args, schema);
        if (isExcluded(config.exclude, object.namespace, object.name)) return;
        const who = subject(object.kind, object.namespace, object.name);
        for (const { path, labels: map } of labelMaps(args.type, object.props)) {
            for (const [key, value] of Object.entries(map)) {
                if (config.checkKeys) {
                    const keyProblem = qualifiedName(key);
                    if (keyProblem) report(`${who}: ${path} key "${key}" ${keyProblem}.`);
                }
                if (typeof value !== "string") continue;
                const valueProblem = labelValue(value);
                if (valueProblem) report(`${who}: ${path}["${key}"] value "${value}" ${valueProblem}.`);
            }
        }
    }),
};
