// `pulumi up` follows the release it applied: polls the Rollout (and its ReplicaSets, for ready
// pods), prints each change of progress, applies the declared control when it holds, and ends
// when the release is at rest: fully promoted, at a manual gate, aborted or degraded, or when the
// timeout passes. Which of those fails the update is the component's decision (see outcome).
import { ControlDecision, decideControl, ResolvedControl } from "../lifecycle/controls";
import { layoutOfRollout } from "../lifecycle/layout";
import { LiveRollout, PodCount, Progress, progressOf } from "../lifecycle/progress";
import { humanDuration } from "../core/duration";
import type { GateAction } from "../args";
import { KubeClient, paths } from "./client";
import { imagesOf } from "./impact";

export interface FollowOptions {
    client: KubeClient;
    namespace: string;
    name: string;
    /** Follow to the end; false: apply the control (if any) once the controller saw the spec, then stop. */
    wait: boolean;
    onManualGate: GateAction;
    timeoutSeconds: number;
    control?: ResolvedControl;
    /** The canary's images (the program's template, or the adopted Deployment's). */
    canaryImages: () => Promise<string[]>;
    /** What the release was before the update: aborted already (and not changed) is not a new failure. */
    wasAborted: boolean;
    /** This update applied a new pod template (or a retry): the release is new. */
    newRelease: boolean;
    /** No Rollout existed before this update. */
    firstRelease: boolean;
    log: (line: string) => void;
    /** Time between reads. */
    pollMs?: number;
    /** How long a Rollout may go without any status before the follow says no controller runs. */
    noControllerMs?: number;
}

export interface FollowResult {
    progress: Progress;
    /** The Rollout as last read. */
    rollout?: LiveRollout;
    /** Why the update must fail, with what to do next; undefined when it succeeds. */
    failure?: string;
    /** The last words: where the release ended. */
    summary: string;
}

/** The progress of a Rollout that could not be read. */
const nothingRead = () => progressOf({}, { stageStart: [], argoStepCount: 0 });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A Rollout the controller never wrote a status for, this long after it was applied: no controller runs. */
const NO_CONTROLLER_MS = 60_000;

export async function followRelease(o: FollowOptions): Promise<FollowResult> {
    const started = Date.now();
    const deadline = started + o.timeoutSeconds * 1000;
    let lastLine = "";
    let control: ControlDecision | undefined;
    let controlDone = o.control === undefined;
    let appliedAbort = false;
    let appliedRetry = false;
    let readError: string | undefined;
    /** The resourceVersion our control patch left, until the controller writes over it. */
    let ourVersion: string | undefined;
    for (;;) {
        let rollout: LiveRollout | undefined;
        let pods: Awaited<ReturnType<typeof readPods>>;
        try {
            rollout = await o.client.get<LiveRollout>(paths.rollout(o.namespace, o.name));
            pods = rollout && await readPods(o, rollout);
            readError = undefined;
        } catch (err) {
            // An API server that blips is no verdict on the release: say so once, read again until the timeout.
            const message = (err as Error).message;
            if (readError !== message) o.log(`cannot read the Rollout (${message}); reading again`);
            readError = message;
            if (Date.now() >= deadline) {
                return { progress: nothingRead(), summary: "unknown", failure: `the release could not be followed within ${humanDuration(o.timeoutSeconds)}: ${message}` };
            }
            await sleep(o.pollMs ?? 2000);
            continue;
        }
        if (!rollout) {
            return { progress: nothingRead(), summary: "the Rollout is gone", failure: `Rollout ${o.namespace}/${o.name} no longer exists in ${o.client.server}` };
        }
        const p = progressOf(rollout, layoutOfRollout(rollout), pods);
        if (p.line !== lastLine) {
            o.log(p.line);
            lastLine = p.line;
        }
        if (p.state !== "stale" && !controlDone) {
            control = decideControl(o.control!, await o.canaryImages(), p, rollout.spec?.paused === true);
            if (control.kind !== "later") {
                o.log(control.words);
                controlDone = true;
            }
            if (control.kind === "apply") {
                let patched = await o.client.mergePatch<LiveRollout>(paths.rolloutStatus(o.namespace, o.name), { status: control.patch.status });
                if (control.patch.spec) patched = await o.client.mergePatch<LiveRollout>(paths.rollout(o.namespace, o.name), { spec: control.patch.spec });
                ourVersion = patched.metadata?.resourceVersion;
                appliedAbort = o.control!.action === "abort";
                appliedRetry = o.control!.action === "retry";
                await sleep(o.pollMs ?? 2000);
                continue;
            }
        }
        // After a control the status is ours until the controller has written its own answer to it
        // (a promoteFull still shows the gate, a retry still shows Degraded): judge only a newer one.
        if (ourVersion !== undefined && rollout.metadata?.resourceVersion === ourVersion) {
            if (Date.now() >= deadline) {
                return { progress: p, summary: p.line, rollout, failure: `the Argo Rollouts controller did not act on ${control?.words ?? "the control"} within ${humanDuration(o.timeoutSeconds)}` };
            }
            await sleep(o.pollMs ?? 2000);
            continue;
        }
        // Not following: whatever control applies now was applied above; a later one waits for the next up.
        if (!o.wait && (o.control === undefined || p.state !== "stale")) return { progress: p, summary: p.line, rollout };
        const noControllerMs = o.noControllerMs ?? NO_CONTROLLER_MS;
        if (rollout.status?.observedGeneration === undefined && Date.now() - started >= noControllerMs) {
            return {
                progress: p, summary: p.line, rollout,
                failure: `no Argo Rollouts controller has reconciled the Rollout in ${noControllerMs / 1000}s (it has no status): ` +
                    "is Argo Rollouts installed and running in this cluster? Set delivery.wait to false to apply without following.",
            };
        }
        const end = outcome(o, p, { appliedAbort, appliedRetry });
        if (end) return { ...end, rollout };
        if (Date.now() >= deadline) {
            return {
                progress: p, summary: p.line, rollout,
                failure: `the release did not finish within ${humanDuration(o.timeoutSeconds)} (delivery.timeout): ${p.line}. ` +
                    "The release goes on in the cluster; `canary-delivery status` shows where it stands.",
            };
        }
        await sleep(o.pollMs ?? 2000);
    }
}

/** Whether the follow ends at `p`, and how. */
function outcome(o: FollowOptions, p: Progress, done: { appliedAbort: boolean; appliedRetry: boolean }): FollowResult | undefined {
    if (p.state === "stale") return undefined;
    switch (p.state) {
        case "healthy":
            return {
                progress: p,
                summary: o.firstRelease ? "first release: Argo Rollouts skips the steps of a new Rollout, so it went to 100% at once; Healthy" : p.line,
            };
        case "gate":
        case "inconclusive":
            // A promote declared for this gate was applied above; one for a later gate cannot get there.
            if (o.onManualGate === "wait") return undefined;
            return {
                progress: p, summary: p.line,
                ...(o.onManualGate === "fail" && { failure: `${p.line} (delivery.onManualGate is "fail")` }),
            };
        case "aborted":
        case "degraded": {
            if (done.appliedAbort) {
                return { progress: p, summary: `aborted as the control asked: traffic is back on the stable version; set the image back to the stable one to finish the rollback` };
            }
            const failedNow = o.newRelease || done.appliedRetry || !o.wasAborted;
            if (!failedNow) return { progress: p, summary: `${p.line} (before this update too)` };
            return { progress: p, summary: p.line, failure: abortMessage(p) };
        }
        default:
            return undefined;
    }
}

function abortMessage(p: Progress): string {
    const what = p.state === "aborted" ? "Argo Rollouts aborted the release" : "Argo Rollouts marked the release Degraded";
    return `${what}: ${p.message ?? "no message"}. ` +
        (p.state === "aborted"
            ? "Traffic is back on the stable version, but spec.template still holds the new one, so the Rollout stays Degraded until the program changes it: " +
              "set the image back to the stable version to finish the rollback, fix the release and apply a new version, or retry it with delivery.control { action: \"retry\" }."
            : "Fix what the message names and apply again.");
}

/** Ready pods of the canary and stable ReplicaSets (by their pod-template-hash). */
export async function readPods(o: FollowOptions, rollout: LiveRollout & { spec?: { selector?: { matchLabels?: Record<string, string> } } }) {
    const labels = rollout.spec?.selector?.matchLabels;
    const s = rollout.status ?? {};
    if (!labels || !s.currentPodHash) return undefined;
    const selector = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(",");
    const list = await o.client.get<{ items?: { metadata?: { labels?: Record<string, string> }; spec?: { replicas?: number }; status?: { readyReplicas?: number } }[] }>(
        paths.replicaSets(o.namespace, selector));
    const count = (hash?: string): PodCount | undefined => {
        const rs = list?.items?.find((i) => i.metadata?.labels?.["rollouts-pod-template-hash"] === hash);
        return rs ? { ready: rs.status?.readyReplicas ?? 0, desired: rs.spec?.replicas ?? 0 } : undefined;
    };
    return { canary: s.currentPodHash !== s.stableRS ? count(s.currentPodHash) : undefined, stable: count(s.stableRS) };
}

/** The images of the adopted Deployment (the canary of a workloadRef release). */
export async function deploymentImages(client: KubeClient, namespace: string, name: string): Promise<string[]> {
    const d = await client.get<{ spec?: { template?: unknown } }>(paths.deployment(namespace, name));
    return imagesOf(d?.spec?.template);
}
