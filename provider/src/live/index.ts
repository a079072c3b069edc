// Step 5 of the pipeline, beside registration: the live release, always in the cluster of the
// component's Kubernetes provider.
// - Before anything is applied it reads the Rollout, to say where the release stands and what
//   this change (and a declared control) does to it; during a preview that verdict is logged on
//   the component, where a reviewer sees it. The Rollout is registered only after that read, so
//   the read sees the release as it was, never the update's own result.
// - After `pulumi up` applied the Rollout, it follows the release (live/follow.ts) and the
//   outputs say where the release ended; a release Argo aborted fails the update.
// - It reads the namespace labels, so the policy pack can check Istio injection of a namespace
//   outside the stack.
import * as pulumi from "@pulumi/pulumi";
import type { Manifest } from "../build";
import { controlPreview } from "./control-preview";
import type { Resolved } from "../resolve/model";
import { layoutOfRollout } from "../lifecycle/layout";
import type { RolloutStatus, StepLayout } from "../core/status";
import { summarizeRolloutStatus } from "./status";
import { ClusterChoice, clusterOf } from "./cluster";
import { deploymentImages, followRelease } from "./follow";
import { describeImpact, Impact, imagesOf } from "./impact";
import { clientFor, Connect, LiveRead, namespaceOf, readLiveRollout, readNamespaceLabels } from "./read";
import { settle } from "./settle";

export type { Connect } from "./read";
export { checkLiveRelease } from "./checks";

export interface LiveRelease {
    /** Settles once the live Rollout was read (or found unreadable): the Rollout registers after it. */
    beforeRollout: Promise<void>;
    /** What the change does, from the read before the update. */
    impact: pulumi.Output<Impact>;
    /** Where the release ended: after the follow in an update, as read before it in a preview. */
    final: (rollout: pulumi.CustomResource) => pulumi.Output<{ status: RolloutStatus; standing: string }>;
    namespaceLabels: pulumi.Output<Record<string, string> | undefined>;
}

interface Before {
    choice: ClusterChoice;
    namespace?: string;
    read: LiveRead;
    impact: Impact;
    desiredImages: string[];
}

export function readLiveRelease(component: pulumi.ComponentResource, release: Resolved, rollout: Manifest, layout: StepLayout, connect?: Connect): LiveRelease {
    const cluster = clusterOf(component);
    const desiredSpec = rollout.spec as Record<string, unknown>;
    const before: Promise<Before> = (async () => {
        const [choice, namespace, spec] = await Promise.all([settle(cluster), settle(release.namespace), settle(desiredSpec)]);
        const desiredImages = imagesOf((spec as { template?: unknown } | undefined)?.template);
        if (!choice) {
            const reason = "the Kubernetes provider's configuration is not known until it is created";
            return { choice: { known: false, reason }, namespace, desiredImages, read: { found: false, error: reason }, impact: unknownImpact(spec, layout, reason) };
        }
        const read = spec === undefined
            ? { found: false as const, error: "the Rollout's spec is not known until the resources it uses are created" }
            : await readLiveRollout(choice, namespace, release.release, connect);
        const impact = "error" in read ? unknownImpact(spec, layout, read.error)
            : describeImpact(read.found ? read.rollout : undefined, { spec }, layout, read.found ? read.stableTemplate : undefined);
        return { choice, namespace, read, impact, desiredImages };
    })();

    const previewed = before.then((b) => {
        const control = release.delivery.control && controlPreview(release.delivery.control, b.desiredImages, b.read, templateChanges(b));
        if (pulumi.runtime.isDryRun()) {
            pulumi.log.info(`Rollout ${release.release}: ${b.impact.standing}; ${b.impact.effect}${control ? `; ${control}` : ""}.`, component);
        }
        return b;
    });
    const impact = pulumi.output(previewed.then((b) => b.impact));
    const namespaceLabels = pulumi.output(before.then((b) => (b.choice.known ? readNamespaceLabels(b.choice, b.namespace, connect) : undefined)));

    const final = (rolloutResource: pulumi.CustomResource) => {
        if (pulumi.runtime.isDryRun()) {
            // A Rollout the stack records (its id is known in a preview) that the cluster lacks: the cluster was reset or
            // the object deleted by hand, and the plan is based on a state that is no longer true.
            return pulumi.output(previewed.then(async (b) => {
                const recorded = await settle(rolloutResource.id);
                if (recorded && !b.read.found && !("error" in b.read)) {
                    const standing = `the stack records Rollout ${recorded} but the cluster has none (reset, or deleted by hand?): run \`pulumi refresh\` to see the real state`;
                    pulumi.log.warn(`Rollout ${release.release}: ${standing}.`, component);
                    return { status: b.impact.status, standing };
                }
                return { status: b.impact.status, standing: b.impact.standing };
            }));
        }
        // The Rollout's id resolves once the engine applied it: only then is there a release to follow.
        return pulumi.all([rolloutResource.id, previewed]).apply(async ([, b]) => {
            // Unreadable before the update (an unknown cluster reads as an error too): following it would read
            // no better, and must never guess another cluster.
            if ("error" in b.read) {
                pulumi.log.warn(`Rollout ${release.release}: not followed, the live release cannot be read: ${b.read.error}`, component);
                return { status: b.impact.status, standing: b.impact.standing };
            }
            const client = await clientFor(b.choice, connect);
            const ns = namespaceOf(client, b.namespace);
            const d = release.delivery;
            const w = release.workload;
            const result = await followRelease({
                client, namespace: ns, name: release.release,
                wait: d.wait, onManualGate: d.onManualGate, timeoutSeconds: d.timeoutSeconds, control: d.control,
                canaryImages: async () => (w.kind === "ref" ? deploymentImages(client, ns, String(await settle(w.name))) : b.desiredImages),
                wasAborted: b.impact.status.aborted === true,
                newRelease: templateChanges(b),
                firstRelease: !b.read.found,
                log: (line) => pulumi.log.info(`Rollout ${release.release}: ${line}`, component),
            });
            if (result.failure) {
                // Fails the update with this message alone, on the component: the SDK reports an unhandled
                // ResourceError as is, while one thrown from an output would reach the user wrapped in its
                // serialization words. The outputs still say where the release ended.
                void Promise.reject(new pulumi.ResourceError(`Rollout ${ns}/${release.release}: ${result.failure}`, component, true));
            } else {
                pulumi.log.info(`Rollout ${release.release}: ${result.summary}`, component);
            }
            return { status: summarizeRolloutStatus(result.rollout?.status, layoutOfRollout(result.rollout ?? {})), standing: result.summary };
        });
    };
    return { beforeRollout: before.then(() => undefined), impact, final, namespaceLabels };
}

function unknownImpact(spec: unknown, layout: StepLayout, why: string): Impact {
    return {
        ...describeImpact(undefined, { spec: spec as never }, layout),
        standing: `live status unknown: ${why}`,
        effect: "what this change does to the running release is unknown",
    };
}

/** Whether this update starts a new release: a first Rollout, a new pod template or a rollback. */
const templateChanges = (b: Before) => b.impact.change === "first" || b.impact.change === "template" || b.impact.change === "rollback";
