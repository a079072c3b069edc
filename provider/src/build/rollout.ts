// The Rollout: workload (template or adopted Deployment), steps, traffic routing, background
// analysis. A failed analysis aborts it, Argo's default; nothing here (no dryRun) softens that.
import type { Resolved } from "../resolve/model";
import { encodeLayout, LAYOUT_ANNOTATION } from "../lifecycle/layout";
import { effectiveScaleDown, rolloutMustOutliveComponent } from "./handback";
import { BuildEnv, Child, metadata, pruned } from "../core/manifest";
import { podSelector } from "./selector";
import { analysisRunArgs, ArgoSteps } from "./steps";
import type { AnyRouting } from "../routers";
import { ROLE } from "../core/roles";
import type { Inputish, Rollout, RolloutSpec } from "../generated/crds";
import type { RolloutCanary } from "../core/argo-types";

export function buildRollout(r: Resolved, env: BuildEnv, router: AnyRouting, steps: ArgoSteps): Child {
    const s = r.strategy;
    // Typed as the Rollout CRD says, as one literal: a wrong or misspelt field fails to compile.
    const manifest: Rollout = {
        apiVersion: "argoproj.io/v1alpha1",
        kind: "Rollout",
        metadata: metadata(r, r.release, env, {
            // The stage layout travels with the Rollout, so live readers count stages as built here.
            [LAYOUT_ANNOTATION]: encodeLayout({ stageStart: steps.stageStart, argoStepCount: steps.steps.length }),
        }),
        spec: {
            replicas: r.replicas,
            revisionHistoryLimit: s.revisionHistoryLimit,
            minReadySeconds: s.minReadySeconds,
            progressDeadlineSeconds: s.progressDeadlineSeconds,
            progressDeadlineAbort: s.progressDeadlineAbort,
            selector: { matchLabels: podSelector(r) },
            ...workload(r),
            strategy: {
                canary: {
                    ...router.canaryFields(r, r.traffic),
                    maxSurge: intOrPercent(s.maxSurge),
                    maxUnavailable: intOrPercent(s.maxUnavailable),
                    scaleDownDelaySeconds: s.scaleDownDelaySeconds,
                    abortScaleDownDelaySeconds: s.abortScaleDownDelaySeconds,
                    dynamicStableScale: s.dynamicStableScale,
                    analysis: backgroundAnalysis(r, steps),
                    steps: steps.steps,
                },
            },
        },
    };
    return {
        role: ROLE.rollout,
        kind: "Rollout",
        manifest: pruned(manifest),
        // The autoscaler owns the replica count once it exists.
        ...(r.autoscaling && { ignoreChanges: ["spec.replicas"] }),
        ...(rolloutMustOutliveComponent(r) && { retainOnDelete: true }),
    };
}

function workload(r: Resolved): { workloadRef?: Inputish<NonNullable<RolloutSpec["workloadRef"]>>; template?: Inputish<NonNullable<RolloutSpec["template"]>> } {
    const w = r.workload;
    if (w.kind === "ref") {
        return { workloadRef: { apiVersion: "apps/v1", kind: "Deployment", name: w.name, scaleDown: effectiveScaleDown(r) } };
    }
    const c = w.container;
    return {
        template: {
            metadata: { labels: w.podLabels, annotations: w.podAnnotations },
            spec: {
                serviceAccountName: w.serviceAccountName,
                imagePullSecrets: w.imagePullSecrets?.map((name) => ({ name })),
                containers: [{
                    name: c.name,
                    image: c.image,
                    imagePullPolicy: c.imagePullPolicy,
                    command: c.command,
                    args: c.args,
                    ports: c.ports.map((p) => ({ ...p })),
                    env: c.env?.map((e) => ({
                        name: e.name,
                        value: e.value,
                        valueFrom: e.secretKeyRef ? { secretKeyRef: e.secretKeyRef } : e.configMapKeyRef ? { configMapKeyRef: e.configMapKeyRef } : undefined,
                    })),
                    resources: c.resources,
                    readinessProbe: c.readinessProbe,
                    livenessProbe: c.livenessProbe,
                    startupProbe: c.startupProbe,
                }],
            },
        },
    };
}

function backgroundAnalysis(r: Resolved, steps: ArgoSteps): RolloutCanary["analysis"] {
    const a = r.analysis;
    if (!a?.background || !a.templates.background) return undefined;
    const start = steps.stageStart[a.background.startingStep] ?? 0;
    return {
        templates: [{ templateName: a.templates.background }],
        args: analysisRunArgs(r),
        startingStep: start > 0 ? start : undefined,
    };
}

/** "3" -> 3, "25%" -> "25%": Argo's int-or-string, from the string the public args take. */
function intOrPercent(value: string | undefined): number | string | undefined {
    if (value === undefined) return undefined;
    return value.endsWith("%") ? value : Number(value);
}
