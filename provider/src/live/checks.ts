// The router's checks against the live cluster, run before anything is applied (in a preview and
// again at the start of an update): errors fail the component before any child is registered, so
// nothing is half-applied; warnings are logged on it. The router says what to read and judges it
// (routers/<router>/live-checks.ts); this reads the objects in the cluster of the component's
// Kubernetes provider. Like the live read of the Rollout it never guesses: an unknown cluster or
// namespace, an unreachable or forbidden read skips the check and says so.
import * as pulumi from "@pulumi/pulumi";
import type { LiveObject, LiveObjectRef } from "../core/live-object";
import type { Resolved } from "../resolve/model";
import type { LiveCheck } from "../routers/contract";
import { routingFor } from "../routers";
import { paths } from "./client";
import { ClusterChoice, clusterOf } from "./cluster";
import { clientFor, Connect, namespaceOf } from "./read";
import { settle } from "./settle";

export type CheckOutcome =
    | { checked: true; errors: string[]; warnings: string[] }
    | { checked: false; reason: string };

const API_PATH: Record<LiveObjectRef["kind"], (ns: string, name: string) => string> = { Ingress: paths.ingress, Service: paths.service };

/** Reads what `check` asks for and judges it; a read that fails skips the whole check. */
export async function runLiveCheck(check: LiveCheck, choice: ClusterChoice, namespace: string | undefined, connect?: Connect): Promise<CheckOutcome> {
    try {
        const client = await clientFor(choice, connect);
        const ns = namespaceOf(client, namespace);
        const read = await Promise.all(check.reads.map(async (ref) => [ref, await client.get<LiveObject>(API_PATH[ref.kind](ns, ref.name))] as const));
        const found = (ref: LiveObjectRef) => read.find(([r]) => r.kind === ref.kind && r.name === ref.name)?.[1];
        return { checked: true, ...check.judge(found, ns) };
    } catch (err) {
        return { checked: false, reason: (err as { message?: string }).message ?? String(err) };
    }
}

/**
 * Runs the release router's live check for `component`. Settles when the children may be registered;
 * rejects with the component's error when the check fails, which every child's registration waits on.
 */
export function checkLiveRelease(component: pulumi.ComponentResource, release: Resolved, connect?: Connect): Promise<void> {
    const check = routingFor(release).liveCheck?.(release, release.traffic);
    if (!check || check.reads.length === 0) return Promise.resolve();
    return (async () => {
        const [choice, namespace] = await Promise.all([settle(clusterOf(component)), settle(release.namespace)]);
        const outcome: CheckOutcome = !choice
            ? { checked: false, reason: "the Kubernetes provider's configuration is not known until it is created" }
            : release.namespace !== undefined && namespace === undefined
                ? { checked: false, reason: "the namespace is not known until the resources it comes from are created" }
                : await runLiveCheck(check, choice, namespace, connect);
        if (!outcome.checked) {
            if (pulumi.runtime.isDryRun()) pulumi.log.info(`Rollout ${release.release}: the routing was not checked against the cluster: ${outcome.reason}.`, component);
            return;
        }
        for (const warning of outcome.warnings) pulumi.log.warn(warning, component);
        if (outcome.errors.length) {
            const lines = outcome.errors.map((e) => `  - ${e}`).join("\n");
            throw fixedMessage(new pulumi.ResourceError(`Rollout ${release.release}: the cluster shows this release would break; none of its objects is applied:\n${lines}`, component, true));
        }
    })();
}

/**
 * The one error every child's registration and the component's outputs reject with. The SDK reports
 * it once (it dedupes by identity), but it prefixes the message of an error that reaches it through
 * an output (`error serializing property "outputs": ...`) in place; the message stays the check's.
 */
function fixedMessage(err: pulumi.ResourceError): pulumi.ResourceError {
    const message = err.message;
    Object.defineProperty(err, "message", { get: () => message, set: () => undefined, enumerable: false, configurable: true });
    return err;
}
