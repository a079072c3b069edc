// Where a release stands and how its stages map to Argo steps: the vocabulary the live read, the
// lifecycle rules, the CLI and the component's outputs share.

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

/** How stages map to Argo steps: stage i starts at Argo index `stageStart[i]`. */
export interface StepLayout {
    stageStart: number[];
    argoStepCount: number;
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
