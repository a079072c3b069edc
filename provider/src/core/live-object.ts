// An object as read from the live cluster, in the few fields the pre-apply checks look at, and who
// manages it. Types and one pure rule: routers judge what live/ reads without importing it.

/** An object to read in the release namespace. */
export interface LiveObjectRef {
    kind: "Ingress" | "Service";
    name: string;
}

export interface LiveObject {
    metadata?: {
        name?: string;
        labels?: Record<string, string>;
        /** Server-side field ownership: every writer of the object, by manager name. */
        managedFields?: { manager?: string; operation?: string }[];
    };
    spec?: Record<string, unknown>;
}

/**
 * Field managers of the Pulumi Kubernetes provider: "pulumi-kubernetes" under client-side apply,
 * "pulumi-kubernetes-<random suffix>" under server-side apply (pulumi/pulumi-kubernetes#2271).
 */
const PULUMI_MANAGER = /^pulumi-kubernetes(-|$)/;

/**
 * Whether a Pulumi program wrote the object (then it is the stack's own, from an earlier update).
 * An object no Pulumi manager ever wrote (kubectl, Helm, a controller) belongs to someone else, and
 * registering a resource of that name would take it over: server-side apply merges into it, and the
 * component would delete it with the release.
 */
export function managedByPulumi(o: LiveObject): boolean {
    return (o.metadata?.managedFields ?? []).some((f) => PULUMI_MANAGER.test(f.manager ?? ""));
}

/** Field managers of an object, for messages. */
export function managersOf(o: LiveObject): string[] {
    return [...new Set((o.metadata?.managedFields ?? []).map((f) => f.manager ?? "").filter((m) => m !== ""))];
}
