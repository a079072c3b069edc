// Where a release stands, in the terms a pipeline branches on: the controller has not seen the
// latest spec yet, the canary is progressing, it waits at a manual gate, it is fully promoted
// and Healthy, or Argo aborted or degraded it. Pure: the Rollout comes in as read.
//
// Argo Rollouts' facts it encodes (rollout/, utils/rollout/rolloututil.go upstream):
// - `status.observedGeneration` is a string; until it equals `metadata.generation` the status
//   describes an older spec and must not be trusted (a stale Healthy would end a wait at once);
// - fully promoted: `status.stableRS == status.currentPodHash` and phase Healthy;
// - a pause step is a manual gate when it has no duration; `pauseConditions` say why it waits
//   (CanaryPauseStep, InconclusiveAnalysisRun); `spec.paused` is a pause someone asked for;
// - `status.abort` marks an abort (a failed analysis or a manual one); phase Degraded without it
//   comes from ProgressDeadlineExceeded or InvalidSpec, with the reason in `status.message`.
import { humanDuration, pauseSeconds } from "../core/duration";
import { stageOf, StepLayout } from "../core/status";

export type ProgressState = "stale" | "progressing" | "gate" | "inconclusive" | "healthy" | "aborted" | "degraded";

export interface LiveRollout {
    metadata?: { generation?: number; resourceVersion?: string; annotations?: Record<string, string> };
    spec?: { paused?: boolean; strategy?: { canary?: { steps?: unknown[] } } };
    status?: {
        phase?: string;
        message?: string;
        observedGeneration?: string;
        currentStepIndex?: number;
        pauseConditions?: { reason?: string; startTime?: string }[] | null;
        abort?: boolean;
        stableRS?: string;
        currentPodHash?: string;
        canary?: {
            weights?: { canary?: { weight?: number } } | null;
            currentStepAnalysisRunStatus?: { name?: string; status?: string; message?: string } | null;
            currentBackgroundAnalysisRunStatus?: { name?: string; status?: string; message?: string } | null;
        };
        conditions?: { type?: string; status?: string; reason?: string; message?: string }[];
    };
}

/** Ready and desired pods of one side of the release. */
export interface PodCount {
    ready: number;
    desired: number;
}

export interface Progress {
    state: ProgressState;
    /** 0-based stage; equal to `stageCount` once every stage is done. */
    stage?: number;
    stageCount: number;
    canaryWeight?: number;
    /** The analysis running now ("Running", "Successful", "Failed", ...), step analysis first. */
    analysis?: string;
    /** For a timed pause: how long the stage waits. */
    waitSeconds?: number;
    /** The controller's message (why it paused, aborted or degraded). */
    message?: string;
    /** One line for a person: "stage 2 of 3: canary at 30%, analysis Running; ready pods: canary 1/1, stable 3/3". */
    line: string;
}

/** Pure: classifies a live Rollout. `pods` are the ready counts, when they were read. */
export function progressOf(rollout: LiveRollout, layout: StepLayout, pods?: { canary?: PodCount; stable?: PodCount }): Progress {
    const s = rollout.status ?? {};
    const stageCount = layout.stageStart.length;
    const generation = rollout.metadata?.generation;
    const stepIndex = s.currentStepIndex;
    const stage = stepIndex === undefined ? undefined : stageOf(stepIndex, layout);
    const canaryWeight = s.canary?.weights?.canary?.weight;
    const analysisRun = s.canary?.currentStepAnalysisRunStatus ?? s.canary?.currentBackgroundAnalysisRunStatus;
    const analysis = analysisRun?.status || undefined;
    const message = s.message || undefined;
    const reasons = (s.pauseConditions ?? []).map((p) => p.reason);
    const step = stepIndex === undefined ? undefined : (rollout.spec?.strategy?.canary?.steps ?? [])[stepIndex] as { pause?: { duration?: unknown } } | undefined;
    const timedPause = step?.pause?.duration !== undefined ? pauseSeconds(String(step.pause.duration)) : undefined;

    let state: ProgressState;
    if (generation === undefined || s.observedGeneration !== String(generation)) state = "stale";
    else if (s.abort === true) state = "aborted";
    else if (s.phase === "Degraded") state = "degraded";
    else if (reasons.includes("InconclusiveAnalysisRun") || reasons.includes("InconclusiveExperiment")) state = "inconclusive";
    else if (rollout.spec?.paused === true || (reasons.includes("CanaryPauseStep") && step?.pause !== undefined && timedPause === undefined)) state = "gate";
    else if (s.phase === "Healthy" && s.stableRS !== undefined && s.stableRS === s.currentPodHash) state = "healthy";
    else state = "progressing";

    const progress: Progress = {
        state, stage, stageCount, canaryWeight, analysis, message,
        ...(reasons.includes("CanaryPauseStep") && timedPause !== undefined && { waitSeconds: timedPause }),
        line: "",
    };
    progress.line = describeProgress(progress, pods);
    return progress;
}

/** "stage 2 of 3" (1-based), "all 3 stages done", or undefined before the controller reports a step. */
export function stageWords(p: Pick<Progress, "stage" | "stageCount">): string | undefined {
    if (p.stage === undefined || p.stageCount === 0) return undefined;
    return p.stage >= p.stageCount ? `all ${p.stageCount} stages done` : `stage ${p.stage + 1} of ${p.stageCount}`;
}

function describeProgress(p: Progress, pods?: { canary?: PodCount; stable?: PodCount }): string {
    const where = stageWords(p);
    const weight = p.canaryWeight === undefined ? undefined : `canary at ${p.canaryWeight}%`;
    const detail = [
        weight,
        p.waitSeconds !== undefined ? `waiting ${humanDuration(p.waitSeconds)}` : undefined,
        p.analysis ? `analysis ${p.analysis}` : undefined,
    ].filter(Boolean).join(", ");
    const podWords = pods && [
        pods.canary && `canary ${pods.canary.ready}/${pods.canary.desired}`,
        pods.stable && `stable ${pods.stable.ready}/${pods.stable.desired}`,
    ].filter(Boolean).join(", ");
    const head = (() => {
        switch (p.state) {
            case "stale": return "waiting for the Argo Rollouts controller to pick up the new spec";
            case "healthy": return "Healthy, fully promoted";
            case "gate": return `paused at ${where ?? "a manual gate"}${p.canaryWeight !== undefined ? ` (${p.canaryWeight}%)` : ""}: waiting for promotion`;
            case "inconclusive": return `paused at ${where ?? "a stage"}: the analysis is inconclusive, waiting for a promotion or an abort`;
            case "aborted": return `aborted${p.message ? `: ${p.message}` : ""}`;
            case "degraded": return `Degraded${p.message ? `: ${p.message}` : ""}`;
            case "progressing": return where ?? "progressing";
        }
    })();
    const withDetail = p.state === "progressing" && detail ? `${head}: ${detail}` : p.state === "stale" || p.state === "gate" || !detail || p.state === "healthy" ? head : `${head} (${detail})`;
    // Pods matter while the canary runs beside the stable version; at rest they only add noise.
    const inFlight = p.state === "progressing" || p.state === "gate" || p.state === "inconclusive";
    return podWords && inFlight ? `${withDetail}; ready pods: ${podWords}` : withDetail;
}

/** Whether the release is at rest: nothing more happens without a person or a new spec. */
export const settled = (p: Progress) => p.state !== "stale" && p.state !== "progressing";
