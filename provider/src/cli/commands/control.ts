// `canary-delivery promote [--full] | abort | retry [--wait]`: one release, the patch of
// `kubectl argo rollouts` on its status subresource (and its spec, to unpause one paused by
// hand), then optionally following the release like `status --watch`.
import { paths } from "../../live/client";
import type { ProgressState } from "../../lifecycle/progress";
import type { Invocation } from "../args";
import { CliAction, planControl } from "../control-plan";
import { EXIT_CODES, ExitCode } from "../exit-codes";
import { observe, Observation, readerFor } from "../observe";
import type { Release } from "../releases";
import { releaseLabel } from "../render";
import { Output, watchReleases } from "../watch";

/** How long a control waits for the controller to see a spec applied a moment ago. */
const STALE_GRACE_MS = 15_000;
/** How long a state the control just left may still show, before the controller has reacted. */
const REACTION_GRACE_MS = 30_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function actionOf(inv: Invocation): CliAction {
    return inv.command === "promote" ? (inv.full ? "promoteFull" : "promote") : (inv.command as "abort" | "retry");
}

export async function control(inv: Invocation, releases: Release[], out: Output, err: Output): Promise<ExitCode> {
    const action = actionOf(inv);
    if (releases.length !== 1) {
        err.write(`canary-delivery: ${inv.command} acts on one release; name one of ${releases.map((r) => r.component ?? r.name).join(", ")}\n`);
        return EXIT_CODES.error;
    }
    const release = releases[0];
    let before = await observe(release);
    for (const until = Date.now() + STALE_GRACE_MS; before.progress?.state === "stale" && Date.now() < until;) {
        await sleep(1000);
        before = await observe(release);
    }
    const label = releaseLabel(before);
    if (before.error || !before.progress || !before.rollout) {
        err.write(`${label}: cannot read the release: ${before.error ?? "unknown"}\n`);
        return EXIT_CODES.error;
    }
    const plan = planControl(action, before.rollout, before.progress);
    if (plan.kind === "refuse") {
        err.write(`${label}: ${inv.command}${inv.full ? " --full" : ""} not done: ${plan.reason}\n`);
        return EXIT_CODES.error;
    }
    const { client, namespace } = await readerFor(release);
    await client.mergePatch(paths.rolloutStatus(namespace, release.name), { status: plan.patch.status });
    if (plan.patch.spec) await client.mergePatch(paths.rollout(namespace, release.name), { spec: plan.patch.spec });
    out.write(`${label}: ${plan.done} (it was: ${before.progress.line})\n`);
    if (!inv.wait) return EXIT_CODES.healthy;
    const appliedAt = Date.now();
    const notYet = leftBehind(action, before);
    return (await watchReleases([release], {
        timeoutSeconds: inv.timeoutSeconds, json: false, out,
        notYet: (o) => Date.now() - appliedAt < REACTION_GRACE_MS && notYet(o),
    })).exitCode;
}

/** Whether `o` still shows the state the control moved the release out of (the controller has not reacted). */
export function leftBehind(action: CliAction, before: Observation): (o: Observation) => boolean {
    const states: Record<CliAction, ProgressState[]> = {
        promote: ["gate", "inconclusive"],
        promoteFull: ["gate", "inconclusive"],
        abort: [],
        retry: ["aborted", "degraded"],
    };
    return (o) => o.progress !== undefined && states[action].includes(o.progress.state) &&
        // A promote that reaches the next gate has settled there.
        (action === "retry" || o.progress.stage === before.progress?.stage);
}
