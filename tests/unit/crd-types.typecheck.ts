// Compiled, never run: `npx tsc -p tsconfig.json --noEmit` (the first step of `npm test`) proves that
// the generated manifest types take Pulumi Inputs where builders put them, and that a wrong field
// fails to compile. Each @ts-expect-error fails the type-check if its line ever compiles.
import type { Input, Output } from "@pulumi/pulumi";
import type { HTTPRoute, Rollout, VirtualService } from "../../provider/src/generated/crds";

declare const image: Output<string>;
declare const labels: Input<{ [key: string]: Input<string> }>;

const meta = { name: "web", namespace: image, labels } as const;

export const rollout: Rollout = {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Rollout",
    metadata: meta,
    spec: {
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: "web", image, ports: [{ containerPort: 8080 }] }] } },
        strategy: {
            canary: {
                maxSurge: "25%",
                maxUnavailable: 0,
                steps: [{ setWeight: 25 }, { pause: { duration: "10m" } }],
                trafficRouting: { plugins: { "argoproj-labs/gatewayAPI": { httpRoute: "web", namespace: "shop" } } },
            },
        },
    },
};

export const unknownCanaryField: Rollout = {
    ...rollout,
    // @ts-expect-error: the canary strategy has no `stepz`
    spec: { strategy: { canary: { stepz: [] } } },
};

export const wrongStepType: Rollout = {
    ...rollout,
    // @ts-expect-error: setWeight is a number
    spec: { strategy: { canary: { steps: [{ setWeight: "25" }] } } },
};

export const wrongKind: Rollout = {
    ...rollout,
    // @ts-expect-error: the kind is a literal
    kind: "Deployment",
};

export const virtualService: VirtualService = {
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: meta,
    spec: { hosts: [image], http: [{ name: "primary", route: [{ destination: { host: image }, weight: 100 }] }] },
};

export const missingDestinationHost: VirtualService = {
    ...virtualService,
    // @ts-expect-error: a destination names its host
    spec: { http: [{ route: [{ destination: { subset: "canary" } }] }] },
};

export const httpRoute: HTTPRoute = {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: meta,
    spec: {
        parentRefs: [{ name: "gateway" }],
        rules: [{
            matches: [{ path: { type: "PathPrefix", value: "/" } }],
            backendRefs: [{ name: "web-stable", port: 80, weight: 100 }, { name: "web-canary", port: 80, weight: 0 }],
        }],
    },
};

export const unknownPathMatch: HTTPRoute = {
    ...httpRoute,
    // @ts-expect-error: Gateway API's path match types are Exact, PathPrefix and RegularExpression
    spec: { rules: [{ matches: [{ path: { type: "Prefix", value: "/" } }] }] },
};
