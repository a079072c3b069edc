// Manifests shaped as Argo Rollouts v1.9 and Istio (networking.istio.io/v1) expect them, for policy
// tests. Each builder returns a fresh object; tests change what their case is about.
// fixtures.spec.ts holds them against the CRD schemas in .local/crds when those are present.
import { ResourceSpec } from "./harness";

export const ROLLOUT = "kubernetes:argoproj.io/v1alpha1:Rollout";
export const SERVICE = "kubernetes:core/v1:Service";
export const NAMESPACE = "kubernetes:core/v1:Namespace";
export const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
export const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
export const VIRTUAL_SERVICE = "kubernetes:networking.istio.io/v1:VirtualService";
export const DESTINATION_RULE = "kubernetes:networking.istio.io/v1:DestinationRule";
export const CANARY_DELIVERY = "canary-delivery:index:CanaryDelivery";

/** Free-form JSON that tests reach into and change. */
export type Manifest = Record<string, any>;

export function podTemplate(app: string, image = `ghcr.io/acme/${app}:1.4.2`): Manifest {
    return {
        metadata: { labels: { app } },
        spec: {
            containers: [
                {
                    name: app,
                    image,
                    ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }],
                    readinessProbe: { httpGet: { path: "/healthz", port: 8080 } },
                },
            ],
        },
    };
}

/** A Rollout split by Istio at host level between `<name>-canary` and `<name>-stable`. */
export function istioHostRollout(name = "checkout", namespace = "shop"): Manifest {
    return {
        apiVersion: "argoproj.io/v1alpha1",
        kind: "Rollout",
        metadata: { name, namespace, labels: { "app.kubernetes.io/name": name } },
        spec: {
            replicas: 4,
            revisionHistoryLimit: 3,
            selector: { matchLabels: { app: name } },
            template: podTemplate(name),
            strategy: {
                canary: {
                    canaryService: `${name}-canary`,
                    stableService: `${name}-stable`,
                    trafficRouting: {
                        istio: { virtualService: { name, routes: ["primary"] } },
                    },
                    analysis: {
                        templates: [{ templateName: "success-rate" }],
                        startingStep: 1,
                        args: [{ name: "service-name", value: `${name}-canary.${namespace}.svc.cluster.local` }],
                    },
                    steps: [
                        { setWeight: 10 },
                        { pause: { duration: "5m" } },
                        { setWeight: 50 },
                        { pause: { duration: "10m" } },
                        { setWeight: 100 },
                    ],
                },
            },
        },
    };
}

/** A Rollout split by Istio at subset level through DestinationRule `<name>`. */
export function istioSubsetRollout(name = "payments", namespace = "shop"): Manifest {
    const rollout = istioHostRollout(name, namespace);
    const canary = rollout.spec.strategy.canary;
    delete canary.canaryService;
    delete canary.stableService;
    canary.trafficRouting.istio.destinationRule = { name, canarySubsetName: "canary", stableSubsetName: "stable" };
    return rollout;
}

/** A Rollout routed by ingress-nginx through the stable Ingress `<name>`. */
export function nginxRollout(name = "web", namespace = "shop"): Manifest {
    const rollout = istioHostRollout(name, namespace);
    rollout.spec.strategy.canary.trafficRouting = { nginx: { stableIngress: name } };
    return rollout;
}

export function service(name: string, app: string, namespace = "shop"): Manifest {
    return {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name, namespace },
        spec: { selector: { app }, ports: [{ name: "http", port: 80, targetPort: 8080, protocol: "TCP" }] },
    };
}

export function namespace(name = "shop", labels: Record<string, string> = { "istio-injection": "enabled" }): Manifest {
    return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } };
}

export function hostVirtualService(name = "checkout", namespace = "shop"): Manifest {
    return {
        apiVersion: "networking.istio.io/v1",
        kind: "VirtualService",
        metadata: { name, namespace },
        spec: {
            hosts: [`${name}.example.com`, `${name}-stable`],
            gateways: ["istio-system/public-gateway", "mesh"],
            http: [
                {
                    name: "primary",
                    route: [
                        { destination: { host: `${name}-stable`, port: { number: 80 } }, weight: 100 },
                        { destination: { host: `${name}-canary`, port: { number: 80 } }, weight: 0 },
                    ],
                    retries: { attempts: 3, perTryTimeout: "2s" },
                },
            ],
        },
    };
}

export function subsetVirtualService(name = "payments", namespace = "shop"): Manifest {
    return {
        apiVersion: "networking.istio.io/v1",
        kind: "VirtualService",
        metadata: { name, namespace },
        spec: {
            hosts: [name],
            gateways: ["mesh"],
            http: [
                {
                    name: "primary",
                    route: [
                        { destination: { host: name, subset: "stable" }, weight: 100 },
                        { destination: { host: name, subset: "canary" }, weight: 0 },
                    ],
                },
            ],
        },
    };
}

export function destinationRule(name = "payments", namespace = "shop"): Manifest {
    return {
        apiVersion: "networking.istio.io/v1",
        kind: "DestinationRule",
        metadata: { name, namespace },
        spec: {
            host: name,
            trafficPolicy: { tls: { mode: "ISTIO_MUTUAL" } },
            subsets: [
                { name: "stable", labels: { app: name } },
                { name: "canary", labels: { app: name } },
            ],
        },
    };
}

export function deployment(name: string, namespace = "shop"): Manifest {
    return {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name, namespace },
        spec: { replicas: 0, selector: { matchLabels: { app: name } }, template: podTemplate(name) },
    };
}

export function ingress(name: string, namespace = "shop"): Manifest {
    return {
        apiVersion: "networking.k8s.io/v1",
        kind: "Ingress",
        metadata: { name, namespace },
        spec: {
            ingressClassName: "nginx",
            rules: [
                {
                    host: `${name}.example.com`,
                    http: {
                        paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: `${name}-stable`, port: { number: 80 } } } }],
                    },
                },
            ],
        },
    };
}

/** The Istio host-split release as a stack: Namespace, Services, VirtualService, Rollout. */
export function hostSplitStack(): ResourceSpec[] {
    return [
        { type: NAMESPACE, name: "shop", props: namespace() },
        { type: SERVICE, name: "checkout-stable", props: service("checkout-stable", "checkout") },
        { type: SERVICE, name: "checkout-canary", props: service("checkout-canary", "checkout") },
        { type: VIRTUAL_SERVICE, name: "checkout", props: hostVirtualService() },
        { type: ROLLOUT, name: "checkout", props: istioHostRollout() },
    ];
}

/** The Istio subset-split release as a stack: Namespace, Service, DestinationRule, VirtualService, Rollout. */
export function subsetSplitStack(): ResourceSpec[] {
    return [
        { type: NAMESPACE, name: "shop", props: namespace() },
        { type: SERVICE, name: "payments", props: service("payments", "payments") },
        { type: DESTINATION_RULE, name: "payments", props: destinationRule() },
        { type: VIRTUAL_SERVICE, name: "payments", props: subsetVirtualService() },
        { type: ROLLOUT, name: "payments", props: istioSubsetRollout() },
    ];
}

/** Finds a resource of a stack by name, to change it in a test. */
export function find(stack: ResourceSpec[], type: string, name: string): Manifest {
    const found = stack.find(r => r.type === type && r.name === name);
    if (!found) throw new Error(`no ${type} ${name} in the test stack`);
    return found.props as Manifest;
}
