"use strict";
// The benchmark's program: N Istio host-split releases (success-rate and latency analysis,
// 2 stages), declared with CanaryDelivery (side "candidate") or as exactly the same objects
// written as raw @pulumi/kubernetes resources (side "baseline"): the baseline's manifests come
// from the component's own parse/resolve/build pipeline, so both sides send the same objects.
// Plain JavaScript, so neither side pays for a TypeScript compile.
const fs = require("fs");
const pulumi = require("@pulumi/pulumi");
const k8s = require("@pulumi/kubernetes");
const { CanaryDelivery } = require("canary-delivery");
const { parseArgs } = require("canary-delivery/bin/parse");
const { resolve } = require("canary-delivery/bin/resolve");
const { buildRelease } = require("canary-delivery/bin/build");

const config = new pulumi.Config();
const side = config.require("side");
const count = config.requireNumber("n");
const tag = config.get("tag") ?? "1";
const namespace = config.require("namespace");
// "invalid": every release has a negative replica count (the dead-cluster measurement).
const invalid = config.getBoolean("invalid") ?? false;

function releaseArgs(i) {
    return {
        namespace,
        replicas: invalid ? -1 : 2,
        template: { image: `ghcr.io/acme/shop-${i}:${tag}`, ports: [{ name: "http", containerPort: 8080 }] },
        istio: { hosts: [`shop-${i}.example.com`], gateways: ["mesh"] },
        analysis: {
            prometheus: { address: "http://prometheus.monitoring:9090" },
            successRate: { minPercent: 99 },
            latency: { maxMilliseconds: 300 },
            background: { startingStep: 1 },
        },
        steps: [{ weight: 20, pause: "1m" }, { weight: 50, pause: "1m" }],
        // The benchmark's cluster runs no Argo controller: nothing would finish a followed release.
        delivery: { wait: false },
    };
}

// The resource class a user would pick for each kind (the component's own choice too).
const RAW = {
    Service: (n, m) => new k8s.core.v1.Service(n, m),
    Secret: (n, m) => new k8s.core.v1.Secret(n, m),
    HorizontalPodAutoscaler: (n, m) => new k8s.autoscaling.v2.HorizontalPodAutoscaler(n, m),
    Ingress: (n, m) => new k8s.networking.v1.Ingress(n, m),
};

for (let i = 0; i < count; i++) {
    const name = `shop-${i}`;
    if (side === "candidate") {
        new CanaryDelivery(name, releaseArgs(i));
        continue;
    }
    const parsed = parseArgs(name, releaseArgs(i));
    for (const child of buildRelease(resolve(parsed.args, parsed.release)).children) {
        const make = RAW[child.kind] ?? ((n, m) => new k8s.apiextensions.CustomResource(n, m));
        make(`${name}-${child.role}`, child.manifest);
    }
}

// The program's peak resident set, for the benchmark's table.
if (process.env.BENCH_RSS_FILE) {
    process.on("exit", () => fs.appendFileSync(process.env.BENCH_RSS_FILE, `${process.resourceUsage().maxRSS}\n`));
}
