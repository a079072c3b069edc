import { ROLLOUT, SERVICE, isKubernetesObject } from "../lib/kinds";
import { Json, isRecord, record } from "../lib/manifest";
import { labelValue, qualifiedName } from "../lib/names";
import { resourcePolicy } from "../lib/policy";

interface Config {
    checkKeys: boolean;
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
export const labels = resourcePolicy<Config>({
    name: "canary-labels",
    description: "Label values are at most 63 characters of the label-value alphabet; label keys are qualified names.",
    enforcementLevel: "mandatory",
    config: {
        checkKeys: {
            type: "boolean",
            default: true,
            description: "Also check label keys (an optional DNS subdomain prefix and '/', then a name of at most 63 characters). Defaults to true.",
        },
    },
    appliesTo: { matches: isKubernetesObject, description: "Kubernetes objects" },
    validate: ({ object, who, config, args }, report) => {
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
    },
});
