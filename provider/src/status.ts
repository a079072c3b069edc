// The live status of the release, summarised from a Rollout's `status` as the Argo controller
// writes it. This is the seam the cluster-reading work plugs into: whatever reads the live
// Rollout (the registered resource's outputs today) hands its `status` to summarizeRolloutStatus.

/** Where a release stands, as read from its Rollout. */
export interface RolloutStatus {
    /** Whether a status was read from the cluster; false before the Rollout exists or when unreadable. */
    known: boolean;
    /** Healthy, Progressing, Paused or Degraded. */
    phase?: string;
    /** The controller's message, e.g. why it is paused or degraded. */
    message?: string;
    /** Index into `steps` of the stage the release is at; equal to the number of stages when all are done. */
    currentStage?: number;
    /** Number of stages. */
    stageCount: number;
    /** The controller's step index (Argo steps, several per stage). */
    currentStepIndex?: number;
    /** Percentage of traffic the canary currently gets. */
    canaryWeight?: number;
    /** Paused at a stage or for an inconclusive analysis. */
    paused?: boolean;
    /** The last release was aborted (a failed analysis or a manual abort). */
    aborted?: boolean;
    /** The stable pods run the latest template (`stableRS == currentPodHash`). */
    fullyPromoted?: boolean;
}

interface ArgoRolloutStatus {
    phase?: string;
    message?: string;
    currentStepIndex?: number;
    pauseConditions?: unknown[];
    abort?: boolean;
    stableRS?: string;
    currentPodHash?: string;
    canary?: { weights?: { canary?: { weight?: number } } };
}

/** How stages map to Argo steps: stage i starts at Argo index `stageStart[i]`. */
export interface StepLayout {
    stageStart: number[];
    argoStepCount: number;
}

/** Pure: summarises a Rollout's `status` for the stages of `layout`. */
export function summarizeRolloutStatus(status: unknown, layout: StepLayout): RolloutStatus {
    const stageCount = layout.stageStart.length;
    if (typeof status !== "object" || status === null) return { known: false, stageCount };
    const s = status as ArgoRolloutStatus;
    const step = s.currentStepIndex;
    return {
        known: true,
        phase: s.phase,
        message: s.message || undefined,
        currentStage: step === undefined ? undefined : stageOf(step, layout),
        stageCount,
        currentStepIndex: step,
        canaryWeight: s.canary?.weights?.canary?.weight,
        paused: (s.pauseConditions?.length ?? 0) > 0,
        aborted: s.abort === true,
        fullyPromoted: s.stableRS !== undefined && s.stableRS === s.currentPodHash,
    };
}

/** The stage holding Argo step `step`; the stage count once every step is done. */
export function stageOf(step: number, layout: StepLayout): number {
    if (step >= layout.argoStepCount) return layout.stageStart.length;
    // A stage without Argo steps starts where the next one does: the last stage starting at or
    // before `step` is the one that owns it.
    let stage = 0;
    layout.stageStart.forEach((start, i) => {
        if (start <= step) stage = i;
    });
    return stage;
}
