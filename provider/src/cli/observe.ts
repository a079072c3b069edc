// One read of a release: its Rollout and the ready pods of its canary and stable ReplicaSets,
// from the cluster the release lives in, classified by the lifecycle core (progressOf) with the
// stage layout recorded on the Rollout. A read that fails says why instead of throwing: with
// several releases, one unreachable cluster must not hide the others.
import { layoutOfRollout } from "../lifecycle/layout";
import { LiveRollout, PodCount, Progress, progressOf } from "../lifecycle/progress";
import type { KubeClient } from "../live/client";
import { paths } from "../live/client";
import { FollowOptions, readPods } from "../live/follow";
import { imagesOf } from "../live/impact";
import { clientFor, namespaceOf } from "../live/read";
import type { Release } from "./releases";
import { stageLabels } from "./stages";

/** A Rollout as the CLI reads it: what progressOf needs, plus the selector, template and steps. */
export type CliRollout = LiveRollout & {
    metadata?: { name?: string; namespace?: string };
    spec?: { selector?: { matchLabels?: Record<string, string> }; template?: unknown; strategy?: { canary?: { steps?: unknown[] } } };
};

export interface Observation {
    release: Release;
    /** The Rollout's namespace (the release's, else the cluster target's default). */
    namespace?: string;
    /** The API server read. */
    server?: string;
    /** Why the release could not be read; then the fields below are absent. */
    error?: string;
    rollout?: CliRollout;
    progress?: Progress;
    stages?: string[];
    pods?: { canary?: PodCount; stable?: PodCount };
    /** The images of the Rollout's pod template (the canary's while a release runs). */
    images?: string[];
}

export interface Reader {
    client: KubeClient;
    namespace: string;
}

/** The client and namespace of a release; throws when its cluster cannot be known. */
export async function readerFor(release: Release): Promise<Reader> {
    const client = await clientFor(release.cluster);
    return { client, namespace: namespaceOf(client, release.namespace) };
}

export async function observe(release: Release): Promise<Observation> {
    let r: Reader | undefined;
    try {
        r = await readerFor(release);
        const rollout = await r.client.get<CliRollout>(paths.rollout(r.namespace, release.name));
        if (!rollout) {
            return { release, namespace: r.namespace, server: r.client.server, error: `Rollout ${r.namespace}/${release.name} not found in ${r.client.server}` };
        }
        // readPods uses only the client and namespace of the follow's options.
        const pods = await readPods({ client: r.client, namespace: r.namespace } as Pick<FollowOptions, "client" | "namespace"> as FollowOptions, rollout);
        const layout = layoutOfRollout(rollout);
        return {
            release, namespace: r.namespace, server: r.client.server, rollout, pods,
            progress: progressOf(rollout, layout, pods),
            stages: stageLabels(rollout.spec?.strategy?.canary?.steps ?? [], layout),
            images: imagesOf(rollout.spec?.template),
        };
    } catch (err) {
        return { release, namespace: r?.namespace ?? release.namespace, server: r?.client.server, error: (err as Error).message };
    }
}
