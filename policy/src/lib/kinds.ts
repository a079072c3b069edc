// Type tokens of the resources the pack reads. Kubernetes CustomResources register as
// `kubernetes:<apiVersion>:<kind>` (@pulumi/kubernetes apiextensions.CustomResource), so a Rollout
// declared by hand, from YAML (yaml/v2) or by the CanaryDelivery component has the same token.

export const ROLLOUT = "kubernetes:argoproj.io/v1alpha1:Rollout";
export const SERVICE = "kubernetes:core/v1:Service";
export const NAMESPACE = "kubernetes:core/v1:Namespace";
/** Server-side apply patch of a Namespace the stack does not own (@pulumi/kubernetes >= 3.20). */
export const NAMESPACE_PATCH = "kubernetes:core/v1:NamespacePatch";
export const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
export const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
export const CANARY_DELIVERY = "canary-delivery:index:CanaryDelivery";

// Istio serves its networking API as v1, v1beta1 and v1alpha3; the pack reads any of them.
const VIRTUAL_SERVICE = /^kubernetes:networking\.istio\.io\/[a-z0-9]+:VirtualService$/;
const DESTINATION_RULE = /^kubernetes:networking\.istio\.io\/[a-z0-9]+:DestinationRule$/;

export function isVirtualService(type: string): boolean {
    return VIRTUAL_SERVICE.test(type);
}

export function isDestinationRule(type: string): boolean {
    return DESTINATION_RULE.test(type);
}

/** Kubernetes objects (not providers, not components): the ones whose labels the API server checks. */
export function isKubernetesObject(type: string): boolean {
    return type.startsWith("kubernetes:") && !type.startsWith("kubernetes:helm.sh/") && !type.startsWith("kubernetes:yaml");
}

/** Short kind for messages: `kubernetes:networking.istio.io/v1:VirtualService` -> `VirtualService`. */
export function kindOf(type: string): string {
    const parts = type.split(":");
    return parts[parts.length - 1];
}

const CLUSTER_SCOPED = new Set([
    "Namespace", "NamespacePatch", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
    "StorageClass", "PriorityClass", "IngressClass", "RuntimeClass", "APIService", "ClusterAnalysisTemplate",
    "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
]);

export function isClusterScoped(type: string): boolean {
    return CLUSTER_SCOPED.has(kindOf(type));
}
