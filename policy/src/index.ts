// Entry point the Pulumi CLI runs (`pulumi preview --policy-pack policy`): serves the pack.
import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, policies } from "./pack";

new PolicyPack(PACK_NAME, {
    description: "Kubernetes name rules, Istio prerequisites and canary sanity for Argo Rollouts and the CanaryDelivery component.",
    displayName: "Canary delivery",
    provider: "kubernetes",
    tags: ["kubernetes", "argo-rollouts", "istio"],
    enforcementLevel: "advisory",
    policies,
});
