// Which cluster the release lives in: the one of the Kubernetes provider that the component's
// children use. That provider comes from the component's `provider`/`providers` options or its
// parent's; without one, the default provider, configured by the `kubernetes:*` stack config.
// An explicit provider's configuration is read back from the engine (`pulumi:pulumi:getResource`:
// a provider's state is its configuration), which works alike for a provider object created in
// this program and for a reference handed to the plugin by Python, Go or YAML.
import * as pulumi from "@pulumi/pulumi";

/** A cluster as the Kubernetes provider is told of it. Empty kubeconfig: the ambient one. */
export interface ClusterTarget {
    /** A kubeconfig path or document. */
    kubeconfig?: string;
    context?: string;
    /** A cluster of the kubeconfig to use instead of the context's. */
    cluster?: string;
    /** The provider's default namespace. */
    namespace?: string;
}

/** The cluster, or why it cannot be known (then nothing is read: never another cluster). */
export type ClusterChoice = { known: true; target: ClusterTarget; via: string } | { known: false; reason: string };

// A value not known during a preview: the SDK's Unknown, or its wire marker when not deserialized.
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const isUnknown = (v: unknown) => v === UNKNOWN || pulumi.isUnknown(v);

/** Pure: the cluster described by a Kubernetes provider's configuration (its state). */
export function targetFromProviderState(state: Record<string, unknown>, via: string): ClusterChoice {
    const fields = ["kubeconfig", "context", "cluster", "namespace"] as const;
    const unknown = fields.filter((f) => isUnknown(state[f]));
    if (unknown.length) {
        return { known: false, reason: `the ${via} gets its ${unknown.join(" and ")} from a resource that is not created yet` };
    }
    const target: ClusterTarget = {};
    for (const f of fields) {
        const value = plain(state[f]);
        if (typeof value === "string" && value !== "") target[f] = value;
    }
    return { known: true, target, via };
}

/** A secret from the engine arrives wrapped; the cluster read needs its value. */
function plain(v: unknown): unknown {
    if (typeof v === "object" && v !== null && "value" in v && (v as Record<string, unknown>)["4dabf18193072939515e22adb298388d"]) {
        return (v as { value: unknown }).value;
    }
    return v;
}

/** The cluster of the default Kubernetes provider: the `kubernetes:*` stack config, else the ambient kubeconfig. */
export function defaultProviderTarget(): pulumi.Output<ClusterChoice> {
    const config = new pulumi.Config("kubernetes");
    // getSecret: the kubeconfig is often a secret, and reading it plainly would warn.
    const kubeconfig = config.getSecret("kubeconfig") ?? pulumi.output(undefined);
    return pulumi.unsecret(kubeconfig).apply((kc): ClusterChoice => ({
        known: true,
        via: "default Kubernetes provider",
        target: {
            ...(kc && { kubeconfig: kc }),
            ...(config.get("context") && { context: config.get("context") }),
            ...(config.get("cluster") && { cluster: config.get("cluster") }),
            ...(config.get("namespace") && { namespace: config.get("namespace") }),
        },
    }));
}

/** The cluster of the Kubernetes provider the component's children are registered with. */
export function clusterOf(component: pulumi.Resource): pulumi.Output<ClusterChoice> {
    const provider = component.getProvider("kubernetes::CustomResource");
    if (!provider) return defaultProviderTarget();
    return provider.urn.apply(async (urn): Promise<ClusterChoice> => {
        const via = `Kubernetes provider "${urn.split("::").pop()}"`;
        try {
            const found = await pulumi.runtime.invoke("pulumi:pulumi:getResource", { urn }, {});
            return targetFromProviderState((found?.state ?? {}) as Record<string, unknown>, via);
        } catch (err) {
            return { known: false, reason: `the configuration of the ${via} cannot be read (${(err as Error).message})` };
        }
    });
}
