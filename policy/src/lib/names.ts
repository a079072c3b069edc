// Kubernetes name rules and the names the Argo Rollouts controller derives from a Rollout's name.
// Pure: no Pulumi imports, so the rules are tested on their own (tests/policy/names.spec.ts).
// Each check returns the rule broken, as a sentence fragment, or undefined when the name is fine.
// Sources: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/ ;
// argo-rollouts experiments/experiment.go (experiment Service = ReplicaSet name, not truncated,
// argoproj/argo-rollouts#1637) and utils/ingress (canary Ingress `<rollout>-<ingress>-canary`,
// truncated by the controller at 253).
// The component keeps its own copy in provider/src/names.ts; the two are held to the same cases.

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_STARTING_WITH_LETTER = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

export const MAX_LABEL = 63;
export const MAX_SUBDOMAIN = 253;
/** Pod template hashes (`rollouts-pod-template-hash`) are at most 10 characters. */
export const POD_HASH_MAX = 10;
/** The API server cuts a generateName prefix to 58 characters before adding 5 random ones. */
export const GENERATED_NAME_PREFIX_MAX = 58;
/** Longest Rollout name whose pod names still carry the whole hash: `<rollout>-<hash>-` fits in 58. */
export const MAX_NAME_KEEPING_POD_HASH = GENERATED_NAME_PREFIX_MAX - POD_HASH_MAX - 2;
/** Placeholder standing for a pod template hash in derived names. */
export const HASH_PLACEHOLDER = "h".repeat(POD_HASH_MAX);

/** RFC 1123 label: namespaces, Rollout and CanaryDelivery release names. */
export function rfc1123Label(name: string, maxLength: number = MAX_LABEL): string | undefined {
    if (name.length === 0) return "must not be empty";
    if (name.length > maxLength) {
        return `must be at most ${maxLength} characters (RFC 1123 label), got ${name.length}`;
    }
    if (!LABEL.test(name)) {
        return "must be an RFC 1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit";
    }
    return undefined;
}

/** RFC 1035 label: Service names, i.e. RFC 1123 labels that start with a letter. */
export function rfc1035Label(name: string): string | undefined {
    const asLabel = rfc1123Label(name);
    if (asLabel) return asLabel.replace("RFC 1123", "RFC 1035");
    if (!LABEL_STARTING_WITH_LETTER.test(name)) {
        return "must start with a letter (RFC 1035 label, required of Service names)";
    }
    return undefined;
}

/** DNS-1123 subdomain: most object names (Ingress, VirtualService, ...). */
export function dnsSubdomain(name: string): string | undefined {
    if (name.length === 0) return "must not be empty";
    if (name.length > MAX_SUBDOMAIN) {
        return `must be at most ${MAX_SUBDOMAIN} characters (DNS-1123 subdomain), got ${name.length}`;
    }
    if (!SUBDOMAIN.test(name)) {
        return "must be a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit";
    }
    return undefined;
}

/** Label values: at most 63 characters, may be empty. */
export function labelValue(value: string): string | undefined {
    if (value.length > MAX_LABEL) {
        return `must be at most ${MAX_LABEL} characters (label value), got ${value.length}`;
    }
    if (!LABEL_VALUE.test(value)) {
        return "must be a label value: letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
    }
    return undefined;
}

/** Label keys: an optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
export function labelKey(key: string): string | undefined {
    const slash = key.indexOf("/");
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    if (prefix !== undefined) {
        const prefixProblem = dnsSubdomain(prefix);
        if (prefixProblem) return `prefix '${prefix}' ${prefixProblem}`;
    }
    if (name.length === 0 || name.length > MAX_LABEL || !QUALIFIED_NAME_PART.test(name)) {
        return "must be a qualified name: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit, optionally prefixed by a DNS subdomain and '/'";
    }
    return undefined;
}

/** Whether pods of the Rollout keep the whole pod template hash in their names. */
export function podNamesKeepHash(rolloutName: string, maxLength: number = MAX_NAME_KEEPING_POD_HASH): boolean {
    return rolloutName.length <= maxLength;
}

/**
 * The Service the controller creates for an experiment template: the template's ReplicaSet name
 * `<rollout>-<hash>-<revision>-<stepIndex>-<template>`, or `service.name` when given. The revision
 * is not known before the rollout runs, so it is written with `revisionDigits` nines (the longest
 * revision the budget must hold).
 */
export function experimentServiceName(
    rolloutName: string,
    stepIndex: number,
    templateName: string,
    revisionDigits: number,
): string {
    const revision = "9".repeat(Math.max(1, revisionDigits));
    return `${rolloutName}-${HASH_PLACEHOLDER}-${revision}-${stepIndex}-${templateName}`;
}

/** The Ingress the Nginx router clones from the stable one (before the controller's truncation at 253). */
export function canaryIngressName(rolloutName: string, stableIngress: string): string {
    return `${rolloutName}-${stableIngress}-canary`;
}
