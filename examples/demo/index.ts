// The demo stack: the smallest real canary release, a Rollout with stable and canary
// Services, deployed by `npm run demo` onto the local API server.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const image = config.get("image") ?? "nginx:1.27";
const app = "demo";
const labels = { app };
// Nothing schedules pods on the local control plane, so Services never get endpoints:
// don't let the provider wait for them.
const noAwait = { "pulumi.com/skipAwait": "true" };

const service = (role: string) => new k8s.core.v1.Service(`${app}-${role}`, {
    metadata: { name: `${app}-${role}`, annotations: noAwait },
    spec: { selector: labels, ports: [{ name: "http", port: 80, targetPort: 8080 }] },
});
const stable = service("stable");
const canary = service("canary");

const rollout = new k8s.apiextensions.CustomResource(app, {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Rollout",
    metadata: { name: app },
    spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
            metadata: { labels },
            spec: { containers: [{ name: app, image, ports: [{ name: "http", containerPort: 8080 }] }] },
        },
        strategy: {
            canary: {
                stableService: stable.metadata.name,
                canaryService: canary.metadata.name,
                steps: [{ setWeight: 20 }, { pause: { duration: "1m" } }, { setWeight: 50 }, { pause: {} }],
            },
        },
    },
});

export const rolloutName = rollout.metadata.name;
export const services = [stable.metadata.name, canary.metadata.name];
export const stableImage = image;
