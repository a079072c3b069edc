// The demo stack `npm run demo` deploys onto the local API server: a CanaryDelivery with
// an Istio host-level split (stable and canary Services, a VirtualService on a gateway)
// and Prometheus analysis that aborts the release when the canary misbehaves.
import * as pulumi from "@pulumi/pulumi";
import { CanaryDelivery } from "canary-delivery";

const config = new pulumi.Config();
const image = config.get("image") ?? "nginx:1.27";
// Follow each release to its end (the default); false on an API server without the Argo controller.
const follow = config.getBoolean("follow") ?? true;

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
        prometheus: { address: "http://prometheus.monitoring:9090" },
        successRate: { minPercent: 99 },
        latency: { maxMilliseconds: 500 },
        background: { startingStep: 1 },
    },
    steps: [
        { weight: 10, pause: "1m" },
        { weight: 30, pause: "5m" },
        { weight: 60 },
    ],
    delivery: { wait: follow },
});

export const plan = release.plan;
export const rolloutName = release.rolloutName;
export const stableServiceName = release.stableServiceName;
export const canaryServiceName = release.canaryServiceName;
export const virtualServiceName = release.virtualServiceName;
export const analysisTemplateNames = release.analysisTemplateNames;
export const objects = release.objects;
export const stableImage = image;
