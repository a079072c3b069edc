// The user's stages as Argo canary steps. A stage becomes several Argo steps (Argo allows one
// action per step), so the mapping from stage to Argo step index is returned too: background
// analysis starts at an Argo index, and the live status reports one.
import type { Resolved, ResolvedStep } from "../resolve/model";
import { ANALYSIS_ARGS } from "../core/analysis-args";
import type { AnalysisRunArg, ArgoStep } from "../core/argo-types";

export interface ArgoSteps {
    steps: ArgoStep[];
    /** Argo index of the first step of each stage (the next stage's index for a stage with no step). */
    stageStart: number[];
}

export function argoSteps(r: Resolved, firstStageSteps: ArgoStep[]): ArgoSteps {
    const steps: ArgoStep[] = [];
    const stageStart: number[] = [];
    for (const stage of r.steps) {
        stageStart.push(steps.length);
        steps.push(...stageSteps(r, stage, stage.index === 0 ? firstStageSteps : []));
    }
    return { steps, stageStart };
}

function stageSteps(r: Resolved, stage: ResolvedStep, extra: ArgoStep[]): ArgoStep[] {
    const out: ArgoStep[] = [];
    // A stage's gates run first: nothing of the stage (scale, weight) happens before they answer 2xx.
    const gates = (r.analysis?.gates ?? []).filter((g) => g.stage === stage.index);
    if (gates.length) out.push({ analysis: { templates: gates.map((g) => ({ templateName: g.template })), args: analysisRunArgs(r) } });
    if (stage.canaryScale) out.push({ setCanaryScale: stage.canaryScale });
    if (stage.setWeight !== undefined) out.push({ setWeight: stage.setWeight });
    out.push(...extra);
    if (stage.pause.kind === "untilPromoted") out.push({ pause: {} });
    if (stage.pause.kind === "timed") out.push({ pause: { duration: stage.pause.duration } });
    if (stage.analysis && r.analysis?.templates.step) {
        out.push({ analysis: { templates: [{ templateName: r.analysis.templates.step }], args: analysisRunArgs(r) } });
    }
    return out;
}

/** Values of the template arguments, from the Rollout (namespace, pod hashes) or known names. */
export function analysisRunArgs(r: Resolved): AnalysisRunArg[] {
    const { stable, canary, single } = r.services;
    const values: Record<(typeof ANALYSIS_ARGS)[number], Omit<AnalysisRunArg, "name">> = {
        namespace: { valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
        rollout: { value: r.release },
        "canary-hash": { valueFrom: { podTemplateHashValue: "Latest" } },
        "stable-hash": { valueFrom: { podTemplateHashValue: "Stable" } },
        "canary-service": { value: canary ?? single ?? r.release },
        "stable-service": { value: stable ?? single ?? r.release },
    };
    return ANALYSIS_ARGS.map((name) => ({ name, ...values[name] }));
}
