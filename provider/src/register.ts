// Step 4 of the pipeline: register the built manifests as children of the component. Thin on
// purpose: every decision (names, ignored fields, retention) was made by the builders.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { BuildEnv, BuiltinKind, Child, Manifest } from "./build";
import { isUnresolved } from "./parse/zod-helpers";
import type { StringMap } from "./resolve/model";
import { ROLE } from "./core/roles";

type Register = (name: string, manifest: Manifest, opts: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/** The resource class of each built-in kind; every other kind is a CustomResource of its CRD. */
const BUILTIN: Record<BuiltinKind, Register> = {
    Service: (n, m, o) => new k8s.core.v1.Service(n, m as k8s.core.v1.ServiceArgs, o),
    Ingress: (n, m, o) => new k8s.networking.v1.Ingress(n, m as k8s.networking.v1.IngressArgs, o),
    HorizontalPodAutoscaler: (n, m, o) => new k8s.autoscaling.v2.HorizontalPodAutoscaler(n, m as k8s.autoscaling.v2.HorizontalPodAutoscalerArgs, o),
    Secret: (n, m, o) => new k8s.core.v1.Secret(n, m as k8s.core.v1.SecretArgs, o),
    DeploymentPatch: (n, m, o) => new k8s.apps.v1.DeploymentPatch(n, m as k8s.apps.v1.DeploymentPatchArgs, o),
};

const customResource: Register = (n, m, o) => new k8s.apiextensions.CustomResource(n, m, o);

/** Builder environment backed by the Pulumi runtime: maps that are Outputs, secrets. */
export const pulumiEnv: BuildEnv = {
    mergeMaps(base: StringMap | undefined, extra: Record<string, string>): StringMap {
        if (base === undefined) return extra;
        if (isUnresolved(base)) return pulumi.output(base).apply((b) => ({ ...b, ...extra }));
        return { ...(base as Record<string, pulumi.Input<string>>), ...extra };
    },
    secret: (value) => pulumi.secret(value),
};

/**
 * Registers `children` in order with `parent`; the Rollout depends on everything registered
 * before it (it references them), and what comes after it depends on it. Every child is sent only
 * once `allAfter` settles (the checks against the live cluster), and not at all when it rejects:
 * a failed check leaves nothing half-applied. The Rollout also waits for `rolloutAfter` (the live
 * read of the release as it was).
 */
export function registerChildren(
    parent: pulumi.ComponentResource,
    name: string,
    children: Child[],
    rolloutAfter: Promise<void> = Promise.resolve(),
    allAfter: Promise<void> = Promise.resolve(),
): Map<string, pulumi.CustomResource> {
    const registered = new Map<string, pulumi.CustomResource>();
    let before: pulumi.CustomResource[] = [];
    for (const child of children) {
        const rolloutDeps = before;
        const rollout = registered.get(ROLE.rollout);
        const dependsOn = child.kind === "Rollout"
            ? Promise.all([rolloutAfter, allAfter]).then(() => rolloutDeps)
            : allAfter.then(() => (rollout ? [rollout] : []));
        const register = Object.prototype.hasOwnProperty.call(BUILTIN, child.kind) ? BUILTIN[child.kind as BuiltinKind] : customResource;
        const resource = register(`${name}-${child.role}`, child.manifest, {
            parent,
            dependsOn,
            ...(child.ignoreChanges && { ignoreChanges: child.ignoreChanges }),
            ...(child.retainOnDelete && { retainOnDelete: true }),
        });
        registered.set(child.role, resource);
        before = [...before, resource];
    }
    return registered;
}
