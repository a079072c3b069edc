// How `pulumi up` follows the release, after defaults: the timeout a release of these steps
// needs, and the control with its stage resolved.
import type { CanaryDeliveryArgs } from "../args";
import { goDurationSeconds } from "../core/duration";
import { manualGates } from "../core/pause";
import type { ResolvedAnalysis, ResolvedDelivery, ResolvedStep } from "./model";

/** Argo Rollouts' default `progressDeadlineSeconds`. */
export const ARGO_PROGRESS_DEADLINE_SECONDS = 600;

export function resolveDelivery(args: CanaryDeliveryArgs, steps: ResolvedStep[], analysis: ResolvedAnalysis | undefined): ResolvedDelivery {
    const d = args.delivery ?? {};
    const c = d.control;
    return {
        wait: d.wait ?? true,
        onManualGate: d.onManualGate ?? "succeed",
        timeoutSeconds: d.timeout !== undefined ? goDurationSeconds(d.timeout)! : defaultTimeoutSeconds(steps, analysis, args.strategy?.progressDeadlineSeconds),
        control: c && {
            action: c.action,
            image: c.image,
            ...(c.action === "promote" && { stage: c.stage !== undefined ? c.stage - 1 : manualGates(args.steps)[0] }),
        },
    };
}

/**
 * What a release of these steps needs at least: every timed pause and step analysis, plus one
 * progress deadline (the longest the controller lets a stage go without progress).
 */
export function defaultTimeoutSeconds(steps: ResolvedStep[], analysis: ResolvedAnalysis | undefined, progressDeadline?: number): number {
    const pauses = steps.reduce((sum, s) => sum + (s.pause.kind === "timed" ? s.pause.seconds : 0), 0);
    const perAnalysis = analysis ? analysis.stepCount * (goDurationSeconds(analysis.defaults.interval) ?? 0) : 0;
    const analyses = steps.filter((s) => s.analysis).length * perAnalysis;
    return Math.ceil(pauses + analyses + (progressDeadline ?? ARGO_PROGRESS_DEADLINE_SECONDS));
}
