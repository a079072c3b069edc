// An index of the stack's resources by kind and `<namespace>/<name>`, for stack policies that
// follow references between objects (a Rollout to its Services, VirtualService, Namespace...).
// Resources whose name or namespace is not known yet (preview) are left out of the index.
import type { PolicyResource } from "@pulumi/policy";
import { CANARY_DELIVERY, DEPLOYMENT, NAMESPACE, NAMESPACE_PATCH, ROLLOUT, SERVICE, isClusterScoped, isDestinationRule, isVirtualService } from "./kinds";
import { isExcluded } from "./config";
import { Json, objectName, objectNamespace, whenKnown } from "./manifest";
import { workloadRefOf } from "./rollout";

export interface StackObject {
    resource: PolicyResource;
    props: Json;
    name: string;
    namespace: string;
}

/** The namespaced kinds the index holds, as `<namespace>/<name>`, and how messages name each. */
export const KIND_NAMES = {
    services: "Service",
    virtualServices: "VirtualService",
    destinationRules: "DestinationRule",
    deployments: "Deployment",
} as const;
export type NamespacedKind = keyof typeof KIND_NAMES;

function keyOf(namespace: string, name: string): string {
    return `${namespace}/${name}`;
}

export class StackIndex {
    readonly rollouts: StackObject[] = [];
    readonly namespaces = new Map<string, StackObject>();
    readonly namespacePatches = new Map<string, StackObject>();
    readonly services = new Map<string, StackObject>();
    readonly virtualServices = new Map<string, StackObject>();
    readonly destinationRules = new Map<string, StackObject>();
    readonly deployments = new Map<string, StackObject>();
    readonly components: PolicyResource[] = [];

    /**
     * Runs `check` on each Rollout the policy's `exclude` patterns leave in; a value unknown
     * during a preview skips only the Rollout that holds it.
     */
    forEachRollout(exclude: string[], check: (rollout: StackObject) => void): void {
        for (const rollout of this.rollouts) {
            if (isExcluded(exclude, rollout.namespace, rollout.name)) continue;
            whenKnown(() => check(rollout));
        }
    }

    constructor(resources: readonly PolicyResource[]) {
        for (const resource of resources) {
            if (resource.type === CANARY_DELIVERY) {
                this.components.push(resource);
                continue;
            }
            const object = whenKnown(() => toObject(resource));
            if (!object) continue;
            const key = keyOf(object.namespace, object.name);
            if (resource.type === ROLLOUT) this.rollouts.push(object);
            else if (resource.type === NAMESPACE) this.namespaces.set(object.name, object);
            else if (resource.type === NAMESPACE_PATCH) this.namespacePatches.set(object.name, object);
            else if (resource.type === SERVICE) this.services.set(key, object);
            else if (resource.type === DEPLOYMENT) this.deployments.set(key, object);
            else if (isVirtualService(resource.type)) this.virtualServices.set(key, object);
            else if (isDestinationRule(resource.type)) this.destinationRules.set(key, object);
        }
    }

    /** The object of a namespaced kind the stack declares as `<namespace>/<name>`; none for an unset name. */
    find(kind: NamespacedKind, namespace: string, name: string | undefined): StackObject | undefined {
        return name ? this[kind].get(keyOf(namespace, name)) : undefined;
    }

    /** The Deployment a Rollout adopts through spec.workloadRef, when the stack declares it. */
    adoptedDeployment(rollout: StackObject): StackObject | undefined {
        return this.find("deployments", rollout.namespace, workloadRefOf(rollout.props)?.name);
    }

    /** The CanaryDelivery component that (transitively) owns a resource, if any. */
    owningComponent(resource: PolicyResource): PolicyResource | undefined {
        for (let p = resource.parent; p; p = p.parent) {
            if (p.type === CANARY_DELIVERY) return p;
        }
        return undefined;
    }
}

function toObject(resource: PolicyResource): StackObject {
    const props = resource.props as Json;
    return {
        resource,
        props,
        name: objectName(props, resource.name),
        // Namespaces are cluster-scoped; keyed by name alone.
        namespace: isClusterScoped(resource.type) ? "" : objectNamespace(props, resource.provider),
    };
}
