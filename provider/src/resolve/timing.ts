// How long a release of these stages takes, one rule for both places that need it: the plan
// reports the least time to full promotion, and `pulumi up` follows the release for that time plus
// one progress deadline (the longest the controller lets a stage go without progress) before it
// gives up. A follow timeout counted any other way would fail releases the plan says are on time.
import { goDurationSeconds } from "../core/duration";
import type { PlanTiming, ResolvedAnalysis, ResolvedStep } from "./model";

/** Argo Rollouts' default `progressDeadlineSeconds`. */
export const ARGO_PROGRESS_DEADLINE_SECONDS = 600;

/**
 * The timing rules. Timed waits count in full. A manual gate counts no time: it lasts until
 * someone promotes, so it is counted and named instead. A stage analysis (after the stage's
 * wait) holds the stage until its longest metric has taken its measurements: the first after
 * the metric's initial delay, each further one an interval later. Background analysis runs
 * alongside the stages and adds nothing.
 */
export function planTiming(steps: ResolvedStep[], analysis: ResolvedAnalysis | undefined): PlanTiming {
    let minimumSeconds = 0;
    const manualGates: number[] = [];
    for (const s of steps) {
        if (s.pause.kind === "timed") minimumSeconds += s.pause.seconds;
        if (s.pause.kind === "untilPromoted") manualGates.push(s.index + 1);
        if (s.analysis && analysis) minimumSeconds += stageAnalysisSeconds(analysis);
    }
    return { minimumSeconds, manualGates };
}

/** The shortest run of a stage analysis: its slowest metric's measurements. */
export function stageAnalysisSeconds(a: ResolvedAnalysis): number {
    const presetCount = (a.presets?.successRate ? 1 : 0) + (a.presets?.latency ? 1 : 0);
    const metrics = [
        ...Array.from({ length: presetCount }, () => ({ interval: a.defaults.interval, count: a.stepCount, initialDelay: undefined as string | undefined })),
        ...a.metrics.map((m) => ({ interval: m.interval, count: m.count ?? a.stepCount, initialDelay: m.initialDelay })),
        ...[...a.checks, ...(a.loadTest ? [a.loadTest] : [])].map((m) => ({ interval: m.interval, count: a.stepCount, initialDelay: undefined as string | undefined })),
    ];
    return Math.max(0, ...metrics.map((m) => (goDurationSeconds(m.initialDelay ?? "0s") ?? 0) + Math.max(0, m.count - 1) * (goDurationSeconds(m.interval) ?? 0)));
}

/** How long `pulumi up` follows a release by default: its least time, plus one progress deadline. */
export function defaultTimeoutSeconds(timing: PlanTiming, progressDeadline?: number): number {
    return Math.ceil(timing.minimumSeconds + (progressDeadline ?? ARGO_PROGRESS_DEADLINE_SECONDS));
}
