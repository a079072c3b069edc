// The hand-back of an adopted Deployment (argoproj/argo-rollouts#3855: once the controller has
// scaled it to zero, deleting the Rollout leaves the application with no pods).
//
// While the controller may scale the Deployment down, the Rollout is retained if the component is
// removed, so its pods keep serving. With `handBack`, the Rollout first stops scaling it down
// (`scaleDown: never`), then a server-side apply patch gives the Deployment its replicas back
// (forcing ownership of `spec.replicas` away from the controller), and the Rollout may be deleted
// with the component. The patch is retained on delete: deleting a patch relinquishes its fields,
// which would reset the replicas.
import type { Resolved } from "../resolve/model";
import { Child } from "../core/manifest";
import { ROLE } from "../core/roles";

/** Whether removing the component must keep the Rollout running (see above). */
export function rolloutMustOutliveComponent(r: Resolved): boolean {
    return r.workload.kind === "ref" && r.workload.scaleDown !== "never" && !r.workload.handBack;
}

/** The scale-down mode the Rollout is given: `never` once the application is handed back. */
export function effectiveScaleDown(r: Resolved): string | undefined {
    if (r.workload.kind !== "ref") return undefined;
    return r.workload.handBack ? "never" : r.workload.scaleDown;
}

export function buildHandBack(r: Resolved): Child[] {
    const w = r.workload;
    if (w.kind !== "ref" || !w.handBack) return [];
    return [{
        role: ROLE.handBack,
        kind: "DeploymentPatch",
        manifest: {
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: { name: w.name, ...(r.namespace !== undefined && { namespace: r.namespace }), annotations: { "pulumi.com/patchForce": "true" } },
            spec: { replicas: w.handBackReplicas },
        },
        retainOnDelete: true,
    }];
}
