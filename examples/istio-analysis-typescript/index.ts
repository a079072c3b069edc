import * as pulumi from "@pulumi/pulumi";
import * as canary from "@pulumi/canary-delivery";

const config = new pulumi.Config();

// 10% of shop.example.com goes to the new version, then 40%; Prometheus watches the success
// rate and latency from the first stage on and aborts the release when either degrades.
// Namespace "shop" belongs to the mesh (labelled istio-injection=enabled where the platform
// manages it): Istio only routes pods that run with its sidecar, and the policy pack's
// canary-istio-sidecar-injection checks the label from the component's namespaceLabels output.
const shop = new canary.CanaryDelivery("shop", {
    namespace: "shop",
    replicas: 4,
    template: {
        image: config.get("image") ?? "nginx:1.27",
        ports: [{ name: "http", containerPort: 8080 }],
    },
    istio: {
        hosts: ["shop.example.com"],
        gateways: ["istio-system/public-gateway"],
        mutualTls: true,
    },
    analysis: {
        prometheus: { address: "http://prometheus.monitoring:9090" },
        successRate: { minPercent: 99 },
        latency: { maxMilliseconds: 500 },
        background: { startingStep: 1 },
    },
    steps: [
        { weight: 10, pause: "5m" },
        { weight: 40, pause: "10m" },
    ],
});

export const plan = shop.plan;
export const objects = shop.objects;
