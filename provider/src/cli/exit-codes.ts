// The exit codes a CI job branches on: one per place a release can stand, and 1 for everything
// that is not an answer about the release (usage, an unreachable cluster, a release not found, a
// control that does not apply). README.md documents this table; a unit spec holds it.
import type { ProgressState } from "../lifecycle/progress";

export const EXIT_CODES = {
    /** Healthy: fully promoted, the stable pods run the latest template; for a control without --wait: it was applied. */
    healthy: 0,
    /** Anything else: a usage error, the cluster or the stack cannot be read, no such release, a control refused. */
    error: 1,
    /** Paused at a manual gate, or at an inconclusive analysis: waiting for a promote (or an abort). */
    paused: 2,
    /** Aborted (by a failed analysis or by hand) or Degraded (ProgressDeadlineExceeded, InvalidSpec). */
    failed: 3,
    /** `--watch` / `--wait`: the release did not settle within `--timeout`. */
    timedOut: 4,
    /** A one-shot status while the release is still moving (or the controller has not seen the latest spec). */
    progressing: 5,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** One line per code, for `--help` and the README. */
export const EXIT_CODE_MEANINGS: readonly [ExitCode, string][] = [
    [EXIT_CODES.healthy, "Healthy: fully promoted (promote/abort/retry without --wait: the control was applied)"],
    [EXIT_CODES.paused, "paused at a manual gate (or an inconclusive analysis): waiting for promotion"],
    [EXIT_CODES.failed, "aborted or Degraded"],
    [EXIT_CODES.timedOut, "timed out: --watch/--wait did not see the release settle within --timeout"],
    [EXIT_CODES.progressing, "still progressing (a one-shot status)"],
    [EXIT_CODES.error, "any other error: usage, stack or cluster unreadable, release not found, control refused"],
];

/** The exit code for a release in `state`. */
export function exitCodeOf(state: ProgressState): ExitCode {
    switch (state) {
        case "healthy": return EXIT_CODES.healthy;
        case "gate":
        case "inconclusive": return EXIT_CODES.paused;
        case "aborted":
        case "degraded": return EXIT_CODES.failed;
        case "stale":
        case "progressing": return EXIT_CODES.progressing;
    }
}

// With several releases the command exits with the most pressing code: an error first, then a
// failed release, a timeout, one still moving, one waiting at a gate; 0 only when all are Healthy.
const PRECEDENCE: ExitCode[] = [EXIT_CODES.error, EXIT_CODES.failed, EXIT_CODES.timedOut, EXIT_CODES.progressing, EXIT_CODES.paused, EXIT_CODES.healthy];

export function combinedExitCode(codes: ExitCode[]): ExitCode {
    return PRECEDENCE.find((c) => codes.includes(c)) ?? EXIT_CODES.healthy;
}
