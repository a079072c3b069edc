// Step 5 of the pipeline, beside registration: the live release. Reads the Rollout as it is
// in the cluster when the program runs and says what this change does to it; during a
// preview the verdict is also logged on the component, where a reviewer sees it.
import * as pulumi from "@pulumi/pulumi";
import type { Manifest } from "../build";
import type { StepLayout } from "../status";
import { describeImpact, Impact } from "./impact";
import { readLiveRollout } from "./read";

export function liveImpact(
    component: pulumi.ComponentResource,
    release: { release: string; namespace?: pulumi.Input<string> },
    rollout: Manifest,
    layout: StepLayout,
): pulumi.Output<Impact> {
    const k8sConfig = new pulumi.Config("kubernetes");
    // getSecret: the kubeconfig is often a secret, and reading it plainly would warn.
    const kubeconfig = k8sConfig.getSecret("kubeconfig") ?? pulumi.output(undefined);
    const desired = pulumi.output(rollout.spec as Record<string, unknown>);
    return pulumi.all([kubeconfig, pulumi.output(release.namespace), desired]).apply(async ([kc, ns, spec]) => {
        const read = await readLiveRollout({ kubeconfig: kc, context: k8sConfig.get("context") }, ns, release.release);
        const impact = "error" in read
            ? { ...describeImpact(undefined, { spec }, layout), standing: `live status unavailable (${read.error})`, effect: "what this change does to the running release is unknown" }
            : describeImpact(read.found ? read.rollout : undefined, { spec }, layout);
        if (pulumi.runtime.isDryRun()) {
            pulumi.log.info(`Rollout ${release.release}: ${impact.standing}; ${impact.effect}.`, component);
        }
        return impact;
    });
}
