// Step 5 of the pipeline, beside registration: the live release. Reads the cluster as it is
// when the program runs: the Rollout, to say what this change does to it (during a preview
// the verdict is also logged on the component, where a reviewer sees it), and the namespace
// labels, so the policy pack can check Istio injection of a namespace outside the stack.
import * as pulumi from "@pulumi/pulumi";
import type { Manifest } from "../build";
import type { StepLayout } from "../status";
import { describeImpact, Impact } from "./impact";
import { ClusterConfig, readLiveRollout, readNamespaceLabels } from "./read";

/** The cluster the Kubernetes provider uses by default (its stack config, else the ambient kubeconfig). */
function clusterConfig(): pulumi.Output<ClusterConfig> {
    const k8sConfig = new pulumi.Config("kubernetes");
    // getSecret: the kubeconfig is often a secret, and reading it plainly would warn.
    const kubeconfig: pulumi.Output<string | undefined> = k8sConfig.getSecret("kubeconfig") ?? pulumi.output(undefined);
    return kubeconfig.apply((kc) => ({ kubeconfig: kc, context: k8sConfig.get("context") }));
}

export interface LiveRelease {
    impact: pulumi.Output<Impact>;
    namespaceLabels: pulumi.Output<Record<string, string> | undefined>;
}

export function readLiveRelease(
    component: pulumi.ComponentResource,
    release: { release: string; namespace?: pulumi.Input<string> },
    rollout: Manifest,
    layout: StepLayout,
): LiveRelease {
    const cluster = clusterConfig();
    const namespace = pulumi.output(release.namespace);
    const desired = pulumi.output(rollout.spec as Record<string, unknown>);
    const impact = pulumi.all([cluster, namespace, desired]).apply(async ([c, ns, spec]) => {
        const read = await readLiveRollout(c, ns, release.release);
        const found = "error" in read
            ? { ...describeImpact(undefined, { spec }, layout), standing: `live status unavailable (${read.error})`, effect: "what this change does to the running release is unknown" }
            : describeImpact(read.found ? read.rollout : undefined, { spec }, layout);
        if (pulumi.runtime.isDryRun()) {
            pulumi.log.info(`Rollout ${release.release}: ${found.standing}; ${found.effect}.`, component);
        }
        return found;
    });
    const namespaceLabels = pulumi.all([cluster, namespace]).apply(([c, ns]) => readNamespaceLabels(c, ns));
    return { impact, namespaceLabels };
}
