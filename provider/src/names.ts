// Kubernetes name rules and the budget of names the Argo controller derives from ours: the one
// copy, used by the component and by the policy pack (policy/src/lib/names.ts re-exports it).
// It imports nothing, and must not: policy/tsconfig.json compiles this one file into the pack.
// Each check returns the rule broken (a sentence fragment) or undefined when the name is fine,
// so callers can attach it to the argument path the name came from.
// Sources: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/ and
// k8s.io/apimachinery validation IsQualifiedName; argo-rollouts ReplicaSet and AnalysisRun naming,
// experiments/experiment.go (an experiment Service is the template's ReplicaSet name, never
// truncated: argoproj/argo-rollouts#1637) and utils/ingress (canary Ingress, truncated at 253).

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_STARTING_WITH_LETTER = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

export const MAX_LABEL = 63;
export const MAX_SUBDOMAIN = 253;
/** Pod template hashes Argo appends to ReplicaSet names are at most 10 characters. */
export const POD_HASH_MAX = 10;
/** The API server cuts a generateName prefix to 58 characters before adding 5 random ones. */
export const GENERATED_NAME_PREFIX_MAX = 58;
/** Longest release whose pod names still carry the whole hash: `<rollout>-<hash>-` fits in 58. */
export const MAX_RELEASE_KEEPING_POD_HASH = GENERATED_NAME_PREFIX_MAX - POD_HASH_MAX - 2;
/** Stands for the pod template hash in a derived name, at its longest. */
const HASH = "h".repeat(POD_HASH_MAX);

/** A name as a message echoes it: control characters escaped, cut to 80 characters and "…". */
function shown(name: string): string {
    const cut = name.length > 80 ? `${name.slice(0, 80)}…` : name;
    return JSON.stringify(cut).slice(1, -1);
}

/** Release, Rollout and namespace names; `maxLength` lowers the limit (a policy's configuration). */
export function rfc1123Label(name: string, maxLength: number = MAX_LABEL): string | undefined {
    if (name.length === 0) return "must not be empty";
    if (name.length > maxLength) return `must be at most ${maxLength} characters (RFC 1123 label), got ${name.length}`;
    if (!LABEL.test(name)) {
        return "must be an RFC 1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit";
    }
    return undefined;
}

/** Service names: RFC 1035 labels, i.e. RFC 1123 labels that start with a letter. */
export function rfc1035Label(name: string): string | undefined {
    const label = rfc1123Label(name);
    if (label) return label.replace("RFC 1123", "RFC 1035");
    if (!LABEL_STARTING_WITH_LETTER.test(name)) return "must start with a letter (RFC 1035 label, required of Service names)";
    return undefined;
}

/** Most object names (Ingress, VirtualService, ...) and the prefix of a qualified name. */
export function dnsSubdomain(name: string): string | undefined {
    if (name.length === 0) return "must not be empty";
    if (name.length > MAX_SUBDOMAIN) return `must be at most ${MAX_SUBDOMAIN} characters (DNS-1123 subdomain), got ${name.length}`;
    if (!SUBDOMAIN.test(name)) {
        return "must be a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit";
    }
    return undefined;
}

export function labelValue(value: string): string | undefined {
    if (value.length > MAX_LABEL) return `must be at most ${MAX_LABEL} characters (label value), got ${value.length}`;
    if (!LABEL_VALUE.test(value)) {
        return "must be a label value: letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
    }
    return undefined;
}

/**
 * Label and annotation keys: an optional DNS subdomain prefix and '/', then a name of at most 63
 * characters. As Kubernetes reads them, the first '/' ends the prefix, so a second one makes the
 * name part invalid (`a/b/c` is a bad name `b/c`, not a bad prefix `a/b`).
 */
export function qualifiedName(key: string): string | undefined {
    const slash = key.indexOf("/");
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    const prefixProblem = prefix === undefined ? undefined : dnsSubdomain(prefix);
    if (prefixProblem) return `prefix '${shown(prefix!)}' ${prefixProblem}`;
    if (name.length === 0 || name.length > MAX_LABEL || !QUALIFIED_NAME.test(name)) {
        return "must be a qualified name: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit, optionally prefixed by a DNS subdomain and '/'";
    }
    return undefined;
}

/** Container and Service port names (IANA_SVC_NAME). */
export function portName(name: string): string | undefined {
    if (name.length === 0 || name.length > 15) return `must be 1 to 15 characters (IANA service name), got ${name.length}`;
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.includes("--") || !/[a-z]/.test(name)) {
        return "must be an IANA service name: lowercase letters, digits and single '-', with at least one letter";
    }
    return undefined;
}

/** The Ingress the Argo controller clones from the stable one (argo-rollouts ingressutil.GetCanaryIngressName). */
export function canaryIngressName(rollout: string, stableIngress: string): string {
    return `${rollout}-${stableIngress}-canary`;
}

/** The AnalysisTemplate of a webhook gate: `<rollout>-gate-<webhook>`. */
export function gateTemplateName(rollout: string, webhook: string): string {
    return `${rollout}-gate-${webhook}`;
}

/** Longest AnalysisRun name: `<rollout>-<hash>-<revision>-<stepIndex>`, revision and step as 10 and 4 digits. */
export function longestAnalysisRunName(rollout: string): string {
    return `${rollout}-${HASH}-${"9".repeat(10)}-${"9".repeat(4)}`;
}

/**
 * The Service the controller creates for an experiment template of a hand-written Rollout (the
 * policy pack checks it): the template's ReplicaSet name `<rollout>-<hash>-<revision>-<stepIndex>-<template>`.
 * The revision is not known before the rollout runs, so it is written with `revisionDigits` nines,
 * the longest revision the budget must hold.
 */
export function experimentServiceName(rollout: string, stepIndex: number, template: string, revisionDigits: number): string {
    return `${rollout}-${HASH}-${"9".repeat(Math.max(1, revisionDigits))}-${stepIndex}-${template}`;
}

/**
 * Whether pod names of the release keep the whole pod template hash (advisory: queries by pod name
 * need it); `maxLength` replaces the limit (a policy's configuration).
 */
export function podNamesKeepHash(rollout: string, maxLength: number = MAX_RELEASE_KEEPING_POD_HASH): boolean {
    return rollout.length <= maxLength;
}

/** A problem with a name, tied to the argument it comes from. */
export interface NameProblem {
    path: string;
    reason: string;
}

/** The names a release will create or cause the controller to create, with the argument each comes from. */
export interface NamePlan {
    release: { name: string; path: string };
    services: { name: string; path: string }[];
    /** Stable Ingress given to Nginx routing, when there is one. */
    stableIngress?: { name: string; path: string };
    /** Whether some analysis selects canary pods by pod name (needs the whole hash in pod names). */
    queriesByPodName: boolean;
}

/** Errors (the release cannot work) and warnings (it works, with a caveat) for every derived name. */
export function checkNameBudget(plan: NamePlan): { errors: NameProblem[]; warnings: string[] } {
    const errors: NameProblem[] = [];
    const warnings: string[] = [];
    const release = plan.release.name;
    for (const svc of plan.services) {
        const reason = rfc1035Label(svc.name);
        if (reason) errors.push({ path: svc.path, reason: `Service name '${shown(svc.name)}' ${reason}` });
    }
    if (plan.stableIngress) {
        const canary = canaryIngressName(release, plan.stableIngress.name);
        if (canary.length > MAX_SUBDOMAIN) {
            errors.push({
                path: plan.stableIngress.path,
                reason: `the controller's canary Ingress '<release>-<ingress>-canary' would be ${canary.length} characters; at most ${MAX_SUBDOMAIN} (Argo would truncate it)`,
            });
        }
    }
    const run = longestAnalysisRunName(release);
    if (run.length > MAX_SUBDOMAIN) {
        errors.push({ path: plan.release.path, reason: `AnalysisRun names would reach ${run.length} characters; at most ${MAX_SUBDOMAIN}` });
    }
    if (!podNamesKeepHash(release)) {
        const message = `names longer than ${MAX_RELEASE_KEEPING_POD_HASH} characters lose part of the pod template hash in pod names (pods are named from the first ${GENERATED_NAME_PREFIX_MAX} characters of '<rollout>-<hash>-')`;
        if (plan.queriesByPodName) {
            errors.push({ path: plan.release.path, reason: `${message}, and the analysis selects canary pods by pod name; got ${release.length}` });
        } else {
            warnings.push(`release name '${release}' (${release.length} characters): ${message}.`);
        }
    }
    return { errors, warnings };
}
