// The HorizontalPodAutoscaler of the release; it scales the Rollout, which owns its ReplicaSets.
import type { Resolved } from "../resolve/model";
import { BuildEnv, Child, metadata } from "../core/manifest";
import { ROLE } from "../core/roles";

export function buildAutoscaler(r: Resolved, env: BuildEnv): Child[] {
    const hpa = r.autoscaling;
    if (!hpa) return [];
    const target = (name: string, averageUtilization: number | undefined) =>
        averageUtilization === undefined ? [] : [{ type: "Resource", resource: { name, target: { type: "Utilization", averageUtilization } } }];
    return [{
        role: ROLE.autoscaler,
        kind: "HorizontalPodAutoscaler",
        manifest: {
            apiVersion: "autoscaling/v2",
            kind: "HorizontalPodAutoscaler",
            metadata: metadata(r, hpa.name, env),
            spec: {
                scaleTargetRef: { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", name: r.release },
                minReplicas: hpa.minReplicas,
                maxReplicas: hpa.maxReplicas,
                metrics: [...target("cpu", hpa.targetCpuUtilization), ...target("memory", hpa.targetMemoryUtilization)],
            },
        },
    }];
}
