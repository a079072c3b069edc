// The demo stack `npm run demo` deploys onto the local cluster: a CanaryDelivery with an Istio
// host-level split (stable and canary Services, a VirtualService on a gateway) and Prometheus
// analysis that aborts the release when the canary misbehaves. `pulumi up` follows each release:
// through its stages, to the manual gate at 30%, and fails when Argo aborts it.
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { CanaryDelivery } from "canary-delivery";

const config = new pulumi.Config();
const image = config.get("image") ?? "nginx:1.27";
// Follow each release to its end (the default); false on an API server without the Argo controller.
const follow = config.getBoolean("follow") ?? true;
// The image whose canary may pass the manual gate: a promotion written in the program.
const promote = config.get("promote");

// Istio routes only pods that run with its sidecar, which it injects in labelled namespaces. The
// local cluster has no mesh install to label "default", so the stack sets the label itself (a
// patch: the namespace is not the stack's); the policy pack's canary-istio-sidecar-injection
// checks it. On a mesh cluster whose namespace is labelled already, leave this out.
const mesh = new k8s.core.v1.NamespacePatch("demo-mesh", {
    metadata: { name: "default", labels: { "istio-injection": "enabled" } },
});

const release = new CanaryDelivery("demo", {
    namespace: "default",
    replicas: 4,
    template: { image, ports: [{ name: "http", containerPort: 8080 }] },
    istio: {
        hosts: ["demo.example.com"],
        gateways: ["istio-system/public-gateway"],
        retries: { attempts: 3, perTryTimeout: "2s" },
        mutualTls: true,
    },
    analysis: {
        prometheus: { address: config.get("prometheus") ?? "http://prometheus.monitoring:9090" },
        successRate: { minPercent: 99 },
        latency: { maxMilliseconds: 500 },
        interval: "5s",
        background: { startingStep: 1 },
    },
    steps: [
        { weight: 10, pause: "10s" },
        { weight: 30, pause: "" },
        { weight: 60, pause: "10s" },
    ],
    delivery: {
        wait: follow,
        ...(promote && { control: { action: "promote", image: promote } }),
    },
}, { dependsOn: [mesh] });

export const plan = release.plan;
export const liveSummary = release.liveSummary;
export const rolloutName = release.rolloutName;
export const stableServiceName = release.stableServiceName;
export const canaryServiceName = release.canaryServiceName;
export const virtualServiceName = release.virtualServiceName;
export const analysisTemplateNames = release.analysisTemplateNames;
export const objects = release.objects;
export const stableImage = image;
