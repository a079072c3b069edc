// What builders return: plain manifest objects (leaves may be Inputs, which @pulumi/kubernetes
// accepts) plus how each must be registered. Builders import no Pulumi runtime; the two things
// that need it (merging a map that is an Output, marking a value secret) come in through BuildEnv.
import type { Input } from "@pulumi/pulumi";

/** A map of strings that may itself be an Output, or hold Outputs. */
export type StringMap = Input<{ [key: string]: Input<string> }>;

/** What every object's metadata comes from: the release's namespace, labels and annotations. */
export interface MetadataSource {
    namespace?: Input<string>;
    labels?: StringMap;
    annotations?: StringMap;
}

export interface Manifest {
    apiVersion: string;
    kind: string;
    metadata: {
        name: Input<string>;
        namespace?: Input<string>;
        labels?: StringMap;
        annotations?: StringMap;
    };
    [field: string]: unknown;
}

/**
 * Kubernetes kinds with a typed resource class in @pulumi/kubernetes; the registration layer maps
 * each to its class. Every other kind a release creates is a custom resource (Argo's, a router's).
 */
export type BuiltinKind = "Service" | "Ingress" | "HorizontalPodAutoscaler" | "Secret" | "DeploymentPatch";

/** The kind of a child: a built-in kind, or the kind of a custom resource such as "Rollout". */
export type ChildKind = BuiltinKind | (string & {});

/** One object to register: Pulumi name `${componentName}-${role}`. */
export interface Child {
    role: string;
    kind: ChildKind;
    manifest: Manifest;
    /** Fields the Argo controller (or the autoscaler) owns after creation: never diffed, never reverted. */
    ignoreChanges?: string[];
    /** Keep the object in the cluster when the CanaryDelivery is removed. */
    retainOnDelete?: boolean;
}

export interface BuildEnv {
    /** `{...base, ...extra}`, where `base` may be an Output. */
    mergeMaps(base: StringMap | undefined, extra: Record<string, string>): StringMap;
    /** Marks a value secret (Pulumi state and outputs never show it). */
    secret(value: Input<string>): Input<string>;
}

/** An environment for plain values only: what unit tests and golden files use. */
export const plainEnv: BuildEnv = {
    mergeMaps(base, extra) {
        if (base !== undefined && (typeof base !== "object" || typeof (base as PromiseLike<unknown>).then === "function")) {
            throw new Error("plainEnv cannot merge a map that is an Output or a Promise");
        }
        return { ...(base as Record<string, Input<string>> | undefined), ...extra };
    },
    secret: (value) => value,
};

/** Standard metadata of an object the component creates. */
export function metadata(r: MetadataSource, name: Input<string>, env: BuildEnv, extraAnnotations?: Record<string, string>): Manifest["metadata"] {
    const annotations = extraAnnotations ? env.mergeMaps(r.annotations, extraAnnotations) : r.annotations;
    return {
        name,
        ...(r.namespace !== undefined && { namespace: r.namespace }),
        ...(r.labels !== undefined && { labels: r.labels }),
        ...(annotations !== undefined && { annotations }),
    };
}

/**
 * Services and Ingresses get endpoints and addresses only once the controller's pods run, which is
 * the Rollout's business (and its status reports it); waiting on them would block or time out.
 */
export const SKIP_AWAIT = { "pulumi.com/skipAwait": "true" };

/** Drops keys whose value is undefined, so manifests (and golden files) hold only what is set. */
export function compact<T extends object>(obj: T): T {
    return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Drops every key whose value is undefined, at every depth of plain objects and arrays; Outputs,
 * Promises and other class instances are left as they are. Typed builders write whole literals
 * (so the compiler checks every field against the CRD's type, misspelt ones included) and prune
 * them once, so manifests and golden files hold only what is set.
 */
export function pruned<T>(value: T): T {
    if (Array.isArray(value)) return value.map((item) => pruned(item)) as T;
    if (typeof value !== "object" || value === null || Object.getPrototypeOf(value) !== Object.prototype) return value;
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, pruned(v)])) as T;
}
