// Reading Kubernetes manifests as the policy engine hands them over: plain JSON-like values, where
// anything may be missing or of the wrong shape, and where a value not known during preview throws
// when read (the engine wraps props in an unknown-checking proxy).
import { UnknownValueError } from "@pulumi/policy";

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function record(value: unknown): Json {
    return isRecord(value) ? value : {};
}

export function array(value: unknown): unknown[] {
    return Array.isArray(value) ? value : [];
}

export function str(value: unknown): string | undefined {
    return typeof value === "string" ? value : undefined;
}

/** Entries of a string map (labels, selectors), skipping non-string values. */
export function stringMap(value: unknown): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(record(value))) {
        if (typeof v === "string") out[k] = v;
    }
    return out;
}

export function metadataOf(props: Json): Json {
    return record(props.metadata);
}

/** The object name: `metadata.name` (the Kubernetes provider fills it in when autonaming), else the resource name. */
export function objectName(props: Json, resourceName: string): string {
    return str(metadataOf(props).name) ?? resourceName;
}

/**
 * The object namespace: `metadata.namespace`, else the namespace of the resource's explicit
 * Kubernetes provider, else "default" (what the API server and the default provider use).
 */
export function objectNamespace(props: Json, provider?: { props: Record<string, unknown> }): string {
    return str(metadataOf(props).namespace) ?? str(provider?.props?.namespace) ?? "default";
}

export function isUnknownValueError(e: unknown): boolean {
    return e instanceof UnknownValueError;
}

/**
 * Runs `read`, returning undefined when it touched a value not known during preview. Stack policies
 * use it per resource, so one unknown value skips that resource (it is checked again when the stack
 * is analysed after the update) instead of the whole policy.
 */
export function whenKnown<T>(read: () => T): T | undefined {
    try {
        return read();
    } catch (e) {
        if (isUnknownValueError(e)) return undefined;
        throw e;
    }
}

/** `Rollout "shop/checkout"`: how messages name a Kubernetes object. */
export function subject(kind: string, namespace: string | undefined, name: string): string {
    return namespace ? `${kind} "${namespace}/${name}"` : `${kind} "${name}"`;
}
