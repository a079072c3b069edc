// Objects of a cluster held in memory behind the live read's Connect: GET answers by API path,
// a path matching `forbidden` answers 403 as an RBAC-limited reader would be told, every GET is
// recorded, and nothing touches a network.
import type { KubeClient } from "../../provider/src/live/client";
import { KubeError } from "../../provider/src/live/client";
import type { Connect } from "../../provider/src/live";

export interface MemoryCluster {
    connect: Connect;
    gets: string[];
    /** Adds or replaces the object at an API path. */
    put(path: string, object: object): void;
}

export function memoryCluster(objects: Record<string, object> = {}, options: { forbidden?: RegExp; namespace?: string } = {}): MemoryCluster {
    const store = new Map(Object.entries(objects));
    const gets: string[] = [];
    const client: KubeClient = {
        defaultNamespace: options.namespace ?? "default",
        server: "https://memory.invalid",
        async get<T>(path: string): Promise<T | undefined> {
            gets.push(path);
            if (options.forbidden?.test(path)) throw new KubeError(`${path} is forbidden: User "ci" cannot get this resource (HTTP 403)`, 403);
            return store.get(path) as T | undefined;
        },
        async mergePatch<T>(): Promise<T> {
            throw new Error("the memory cluster takes no patches");
        },
    };
    return { connect: async () => client, gets, put: (path, object) => store.set(path, object) };
}

/** API paths of the objects the pre-apply checks read. */
export const ingressPath = (ns: string, name: string) => `/apis/networking.k8s.io/v1/namespaces/${ns}/ingresses/${name}`;
export const servicePath = (ns: string, name: string) => `/api/v1/namespaces/${ns}/services/${name}`;

/** An Ingress whose one rule routes `/` to `service`. */
export function ingressTo(service: string, extra: object = {}): object {
    return { metadata: { name: "web" }, spec: { rules: [{ http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: service, port: { number: 80 } } } }] } }], ...extra } };
}

/**
 * A Service last written by `manager` (e.g. "kubectl-client-side-apply", or Pulumi's "pulumi-kubernetes-1a2b3c4d"),
 * selecting `selector` (by default the pods of a release "shop").
 */
export function serviceBy(manager: string, selector: Record<string, string> = { app: "shop" }): object {
    return { metadata: { managedFields: [{ manager, operation: manager.startsWith("pulumi") ? "Apply" : "Update" }] }, spec: { selector } };
}
