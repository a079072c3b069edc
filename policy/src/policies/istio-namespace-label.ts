import { globMatch } from "../lib/config";
import { INJECTION_LABEL, REVISION_LABEL, namespaceInjection } from "../lib/istio";
import { NAMESPACE } from "../lib/kinds";
import { Json, record, stringMap } from "../lib/manifest";
import { isType, resourcePolicy } from "../lib/policy";

interface Config {
    meshNamespaces: string[];
    revision: string;
}

function missingLabel(config: Config): [string, string] {
    return config.revision ? [REVISION_LABEL, config.revision] : [INJECTION_LABEL, "enabled"];
}

function isMeshNamespace(config: Config, name: string): boolean {
    return config.meshNamespaces.some(p => globMatch(p, name));
}

function labelsOf(props: Json): Record<string, string> {
    return stringMap(record(props.metadata).labels);
}

/**
 * Namespaces the platform team lists as mesh namespaces carry the injection label. At enforcement
 * level "remediate" (the default) the label is added to a Namespace declared in the stack before it
 * is sent; an explicit `istio-injection=disabled` is an owner's decision and is reported, not overwritten.
 */
export const istioNamespaceLabel = resourcePolicy<Config>({
    name: "canary-istio-namespace-label",
    description: `Mesh namespaces declared in the stack carry ${INJECTION_LABEL}=enabled or ${REVISION_LABEL}=<revision> (added by remediation).`,
    enforcementLevel: "remediate",
    config: {
        meshNamespaces: {
            type: "array",
            items: { type: "string" },
            default: [],
            description:
                "Namespaces (names or patterns with `*`) that must be in the mesh. Only these are checked and, at enforcement " +
                "level \"remediate\", labelled. Defaults to none.",
        },
        revision: {
            type: "string",
            default: "",
            description: `Istio revision to inject: the remediation adds ${REVISION_LABEL}=<revision>. Defaults to "" (adds ${INJECTION_LABEL}=enabled).`,
        },
    },
    appliesTo: { matches: isType(NAMESPACE), description: "Namespaces" },
    remediate: ({ object: namespace, config }) => {
        if (!isMeshNamespace(config, namespace.name)) return undefined;
        const labels = labelsOf(namespace.props);
        if (namespaceInjection(labels).injected || labels[INJECTION_LABEL] === "disabled") return undefined;
        const [key, value] = missingLabel(config);
        const metadata = record(namespace.props.metadata);
        return { ...namespace.props, metadata: { ...metadata, labels: { ...record(metadata.labels), [key]: value } } };
    },
    validate: ({ object: namespace, who, config }, report) => {
        if (!isMeshNamespace(config, namespace.name)) return;
        const labels = labelsOf(namespace.props);
        const verdict = namespaceInjection(labels);
        if (verdict.injected) return;
        const [key, value] = missingLabel(config);
        const fix =
            labels[INJECTION_LABEL] === "disabled"
                ? `remove ${INJECTION_LABEL}=disabled or take "${namespace.name}" out of meshNamespaces`
                : `add ${key}=${value} (enforcement level "remediate" adds it)`;
        report(`${who} is listed in meshNamespaces but metadata.labels ${verdict.reason}: ${fix}.`);
    },
});
