// The releases a command acts on. From a stack: its state (`pulumi stack export`) lists each
// CanaryDelivery with its outputs (rolloutName, namespace), and its Rollout child names the
// Kubernetes provider it was created with, whose configuration says which cluster holds it: the
// same cluster `pulumi up` deployed to, never merely the ambient one. Or a Rollout named on the
// command line, on the cluster of an explicit kubeconfig/context.
import { spawn } from "child_process";
import { ClusterChoice, ClusterTarget, targetFromProviderState } from "../live/cluster";
import type { ReleaseSource } from "./args";

export const COMPONENT_TYPE = "canary-delivery:index:CanaryDelivery";
export const ROLLOUT_TYPE = "kubernetes:argoproj.io/v1alpha1:Rollout";
export const KUBERNETES_PROVIDER_TYPE = "pulumi:providers:kubernetes";

export interface Release {
    /** The CanaryDelivery's name in the program; absent for a Rollout named on the command line. */
    component?: string;
    /** The Rollout's name. */
    name: string;
    /** The Rollout's namespace; undefined: the cluster target's default namespace. */
    namespace?: string;
    cluster: ClusterChoice;
}

/** A resource of a stack's state, as `pulumi stack export` writes it. */
interface StateResource {
    urn: string;
    type: string;
    id?: string;
    parent?: string;
    provider?: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
}

export class ReleaseError extends Error {}

/** The export holds encrypted secrets the releases need: export again with --show-secrets. */
export class SecretsNeeded extends Error {}

const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** A secret as `stack export` writes it: plaintext with --show-secrets (JSON-encoded), else ciphertext. */
function revealed(v: unknown, what: string): unknown {
    if (typeof v !== "object" || v === null || !(SECRET_SIG in v)) return v;
    const secret = v as { plaintext?: string; ciphertext?: string };
    if (typeof secret.plaintext === "string") return JSON.parse(secret.plaintext);
    throw new SecretsNeeded(`${what} is a secret`);
}

const nameOf = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);

/** Pure: the releases in a `pulumi stack export` document, each with the cluster it lives in. */
export function releasesOfStack(exported: unknown): Release[] {
    const resources = ((exported as { deployment?: { resources?: StateResource[] } })?.deployment?.resources ?? []);
    return resources.filter((r) => r.type === COMPONENT_TYPE).map((component): Release => {
        const componentName = nameOf(component.urn);
        const rollout = resources.find((r) => r.type === ROLLOUT_TYPE && r.parent === component.urn);
        const metadata = revealed(rollout?.outputs?.metadata, "the Rollout's metadata") as { name?: string; namespace?: string } | undefined;
        const name = revealed(component.outputs?.rolloutName, "rolloutName") ?? metadata?.name;
        const namespace = revealed(component.outputs?.namespace, "namespace") ?? metadata?.namespace;
        if (typeof name !== "string" || name === "") {
            throw new ReleaseError(`CanaryDelivery "${componentName}" has no rolloutName output in the stack: has it been deployed (pulumi up)?`);
        }
        return {
            component: componentName, name,
            ...(typeof namespace === "string" && namespace !== "" && { namespace }),
            cluster: rollout ? clusterOfRollout(rollout, resources) : { known: false, reason: `the stack records no Rollout for CanaryDelivery "${componentName}"` },
        };
    });
}

/** The cluster of the Kubernetes provider the Rollout was created with (its `provider` is "URN::ID"). */
function clusterOfRollout(rollout: StateResource, resources: StateResource[]): ClusterChoice {
    const ref = rollout.provider;
    if (!ref) return { known: false, reason: `the stack records no Kubernetes provider for Rollout ${nameOf(rollout.urn)}` };
    const split = ref.lastIndexOf("::");
    const [urn, id] = [ref.slice(0, split), ref.slice(split + 2)];
    const candidates = resources.filter((r) => r.urn === urn && r.type === KUBERNETES_PROVIDER_TYPE);
    const provider = candidates.find((r) => r.id === id) ?? candidates[0];
    const via = `Kubernetes provider "${nameOf(urn)}"`;
    if (!provider) return { known: false, reason: `the ${via} of Rollout ${nameOf(rollout.urn)} is not in the stack` };
    // A provider's inputs are its configuration (the outputs repeat them, for older states only those).
    const config: Record<string, unknown> = {};
    for (const [key, value] of Object.entries({ ...provider.outputs, ...provider.inputs })) {
        if (["kubeconfig", "context", "cluster", "namespace"].includes(key)) config[key] = revealed(value, `the ${via}'s ${key}`);
    }
    return targetFromProviderState(config, via);
}

/** Runs `pulumi stack export` for the stack, with the caller's environment (backend, passphrase). */
export function exportStack(stack: string, cwd: string | undefined, showSecrets: boolean): Promise<unknown> {
    const args = ["stack", "export", "--stack", stack, ...(showSecrets ? ["--show-secrets"] : [])];
    return new Promise((resolve, reject) => {
        const child = spawn("pulumi", args, { cwd, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        let err = "";
        child.stdout.setEncoding("utf8").on("data", (c: string) => { out += c; });
        child.stderr.setEncoding("utf8").on("data", (c: string) => { err += c; });
        child.on("error", (e: NodeJS.ErrnoException) => reject(new ReleaseError(
            e.code === "ENOENT" ? "the pulumi CLI is not on PATH (--stack reads the stack with `pulumi stack export`)" : `pulumi: ${e.message}`)));
        child.on("close", (code) => {
            if (code !== 0) return reject(new ReleaseError(`\`pulumi ${args.join(" ")}\` failed (exit ${code}): ${err.trim() || out.trim()}`));
            try {
                resolve(JSON.parse(out));
            } catch {
                reject(new ReleaseError(`\`pulumi ${args.join(" ")}\` printed something that is not JSON`));
            }
        });
    });
}

/** The releases of the source; `exporter` is replaceable for tests. */
export async function findReleases(source: ReleaseSource, name: string | undefined, exporter = exportStack): Promise<Release[]> {
    if (source.kind === "explicit") {
        return [{ name: name!, ...(source.target.namespace && { namespace: source.target.namespace }), cluster: explicitCluster(source.target) }];
    }
    let releases: Release[];
    try {
        releases = releasesOfStack(await exporter(source.stack, source.cwd, false));
    } catch (err) {
        if (!(err instanceof SecretsNeeded)) throw err;
        // Only now: --show-secrets needs the stack's passphrase (or secrets provider) at hand.
        releases = releasesOfStack(await exporter(source.stack, source.cwd, true));
    }
    if (!releases.length) throw new ReleaseError(`stack "${source.stack}" has no CanaryDelivery (no resource of type ${COMPONENT_TYPE})`);
    return pick(releases, name, source.stack);
}

function explicitCluster(target: ClusterTarget): ClusterChoice {
    const via = target.kubeconfig ? `kubeconfig ${target.kubeconfig}` : "the ambient kubeconfig (KUBECONFIG or ~/.kube/config)";
    return { known: true, target, via: target.context ? `${via}, context ${target.context}` : via };
}

/** The releases `name` picks (by component or Rollout name), or all without a name. */
export function pick(releases: Release[], name: string | undefined, stack: string): Release[] {
    if (name === undefined) return releases;
    const picked = releases.filter((r) => r.component === name || r.name === name);
    if (!picked.length) {
        const known = releases.map((r) => (r.component && r.component !== r.name ? `${r.component} (Rollout ${r.name})` : r.name)).join(", ");
        throw new ReleaseError(`stack "${stack}" has no release "${name}"; it has ${known}`);
    }
    return picked;
}
