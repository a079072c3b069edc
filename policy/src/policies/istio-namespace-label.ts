import { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { configSchema, globMatch, readConfig } from "../lib/config";
import { INJECTION_LABEL, REVISION_LABEL, namespaceInjection } from "../lib/istio";
import { NAMESPACE } from "../lib/kinds";
import { Json, objectName, record, stringMap } from "../lib/manifest";
import { forTypes, isType } from "../lib/policy";

const schema = configSchema({
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
});

interface Config {
    meshNamespaces: string[];
    revision: string;
    exclude: string[];
}

function inScope(args: ResourceValidationArgs, config: Config): { name: string; labels: Record<string, string> } | undefined {
    if (args.type !== NAMESPACE) return undefined;
    const props = args.props as Json;
    const name = objectName(props, args.name);
    if (!config.meshNamespaces.some(p => globMatch(p, name))) return undefined;
    if (config.exclude.some(p => globMatch(p, name))) return undefined;
    return { name, labels: stringMap(record(props.metadata).labels) };
}

function missingLabel(config: Config): [string, string] {
    return config.revision ? [REVISION_LABEL, config.revision] : [INJECTION_LABEL, "enabled"];
}

/**
 * Namespaces the platform team lists as mesh namespaces carry the injection label. At enforcement
 * level "remediate" (the default) the label is added to a Namespace declared in the stack before it
 * is sent; an explicit `istio-injection=disabled` is an owner's decision and is reported, not overwritten.
 */
export const istioNamespaceLabel: ResourceValidationPolicy = {
    name: "canary-istio-namespace-label",
    description: `Mesh namespaces declared in the stack carry ${INJECTION_LABEL}=enabled or ${REVISION_LABEL}=<revision> (added by remediation).`,
    enforcementLevel: "remediate",
    configSchema: schema,
    remediateResource: args => {
        const config = readConfig<Config>(args, schema);
        const ns = inScope(args, config);
        if (!ns || namespaceInjection(ns.labels).injected || ns.labels[INJECTION_LABEL] === "disabled") return undefined;
        const [key, value] = missingLabel(config);
        const props = args.props as Json;
        const metadata = record(props.metadata);
        return { ...props, metadata: { ...metadata, labels: { ...record(metadata.labels), [key]: value } } };
    },
    validateResource: forTypes(isType(NAMESPACE), "Namespaces", (_namespace, args, report) => {
        const config = readConfig<Config>(args, schema);
        const ns = inScope(args, config);
        if (!ns) return;
        const verdict = namespaceInjection(ns.labels);
        if (verdict.injected) return;
        const [key, value] = missingLabel(config);
        const fix =
            ns.labels[INJECTION_LABEL] === "disabled"
                ? `remove ${INJECTION_LABEL}=disabled or take "${ns.name}" out of meshNamespaces`
                : `add ${key}=${value} (enforcement level "remediate" adds it)`;
        report(`Namespace "${ns.name}" is listed in meshNamespaces but metadata.labels ${verdict.reason}: ${fix}.`);
    }),
};
