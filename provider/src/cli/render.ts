// What the CLI prints: a block per release (where it stands, its stages with a marker at the
// current one, the canary weight, the analysis, ready pods), one line per release for logs, and
// JSON for machines. Pure: an Observation in, text out.
import { humanDuration } from "../core/duration";
import { exitCodeOf, EXIT_CODES } from "./exit-codes";
import type { Observation } from "./observe";
import { stepWeightAt } from "./stages";

/** How a release is named in every line: its component's name, else its Rollout's. */
export function releaseLabel(o: Observation): string {
    return o.release.component ?? o.release.name;
}

const where = (o: Observation) => {
    const ns = o.namespace ?? o.release.namespace;
    return `Rollout ${ns ? `${ns}/` : ""}${o.release.name}`;
};

/** Stage lines with a marker: [x] done, [>] the current stage, [!] where it was aborted, [ ] to come. */
export function stageLines(o: Observation): string[] {
    const p = o.progress;
    const labels = o.stages ?? [];
    const current = p?.state === "healthy" ? labels.length : p?.stage;
    const failed = p?.state === "aborted" || p?.state === "degraded";
    return labels.map((label, i) => {
        const mark = current === undefined ? " " : i < current ? "x" : i === current ? (failed ? "!" : ">") : " ";
        const now = i === current && p && p.state !== "healthy" ? `   <- ${nowWords(o)}` : "";
        return `[${mark}] ${i + 1}. ${label}${now}`;
    });
}

function nowWords(o: Observation): string {
    const p = o.progress!;
    switch (p.state) {
        case "gate": return "waiting for promotion";
        case "inconclusive": return "analysis inconclusive, waiting for promotion or abort";
        case "aborted": return "aborted";
        case "degraded": return "Degraded";
        case "stale": return "the controller has not picked up the latest spec";
        default: return p.waitSeconds !== undefined ? `waiting ${humanDuration(p.waitSeconds)}` : "in progress";
    }
}

const podWords = (o: Observation) => {
    const parts = [
        o.pods?.canary && `canary ${o.pods.canary.ready}/${o.pods.canary.desired}`,
        o.pods?.stable && `stable ${o.pods.stable.ready}/${o.pods.stable.desired}`,
    ].filter(Boolean);
    return parts.length ? parts.join(", ") : "unknown";
};

/** The weight the controller reports, else (no traffic router) the one the current step sets, as a share of pods. */
function weightWords(o: Observation): string {
    const p = o.progress!;
    if (p.canaryWeight !== undefined) return `${p.canaryWeight}%`;
    const inFlight = p.state === "progressing" || p.state === "gate" || p.state === "inconclusive";
    const set = inFlight ? stepWeightAt(o.rollout?.spec?.strategy?.canary?.steps ?? [], o.rollout?.status?.currentStepIndex) : undefined;
    return set === undefined ? "-" : `${set}% (of the pods, as the step sets it)`;
}

/** What a person can do next, for the states that wait for one. */
function nextStep(o: Observation): string | undefined {
    switch (o.progress?.state) {
        case "gate":
        case "inconclusive":
            return "`canary-delivery promote` passes it, `promote --full` skips the remaining stages, `abort` rolls back";
        case "aborted":
            return "traffic is on the stable version; set the image back in the program to finish the rollback, or `canary-delivery retry`";
        case "degraded":
            return "fix what the message names and apply again";
        default:
            return undefined;
    }
}

/** The block `status` prints for a release, and each frame of `status --watch`. */
export function renderRelease(o: Observation): string[] {
    const head = `${releaseLabel(o)}: ${where(o)}${o.server ? ` on ${o.server}` : ""}${o.release.cluster.known ? ` (${o.release.cluster.via})` : ""}`;
    if (o.error || !o.progress) return [head, `  cannot read the release: ${o.error ?? "unknown"}`];
    const p = o.progress;
    const lines = [
        head,
        `  ${p.line}`,
        "  stages:",
        ...stageLines(o).map((l) => `    ${l}`),
        `  canary weight: ${weightWords(o)}   analysis: ${p.analysis ?? "none"}   ready pods: ${podWords(o)}`,
    ];
    if (o.images?.length) lines.push(`  template image: ${o.images.join(", ")}`);
    const next = nextStep(o);
    if (next) lines.push(`  next: ${next}`);
    return lines;
}

/** One line per release, for logs (a watch whose output is not a terminal prints one per change). */
export function releaseLine(o: Observation): string {
    return `${releaseLabel(o)}: ${o.error ? `cannot read the release: ${o.error}` : o.progress!.line}`;
}

/** The machine-readable status of a release (`status --json`). */
export function statusJson(o: Observation): Record<string, unknown> {
    const p = o.progress;
    const s = o.rollout?.status;
    return {
        release: o.release.component ?? o.release.name,
        rollout: o.release.name,
        namespace: o.namespace ?? o.release.namespace ?? null,
        server: o.server ?? null,
        cluster: o.release.cluster.known ? o.release.cluster.via : null,
        ...(o.error || !p
            ? { error: o.error ?? "unknown", exitCode: EXIT_CODES.error }
            : {
                state: p.state,
                exitCode: exitCodeOf(p.state),
                line: p.line,
                phase: s?.phase ?? null,
                message: p.message ?? null,
                currentStage: p.stage ?? null,
                stageCount: p.stageCount,
                stages: o.stages ?? [],
                canaryWeight: p.canaryWeight ?? null,
                analysis: p.analysis ?? null,
                pods: { canary: o.pods?.canary ?? null, stable: o.pods?.stable ?? null },
                images: o.images ?? [],
                aborted: s?.abort === true,
            }),
    };
}

/** The footer of a watch frame. */
export function watchFooter(elapsedMs: number, timeoutSeconds: number): string {
    return `watching for ${humanDuration(Math.floor(elapsedMs / 1000))} of ${humanDuration(timeoutSeconds)}: until Healthy, a gate, or an abort (Ctrl-C stops watching, not the release)`;
}
