// The live status of a release, summarised from a Rollout's `status` as the Argo controller writes it.
import { RolloutStatus, stageOf, StepLayout } from "../core/status";

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
