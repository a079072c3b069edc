// The policy pack under the real CLI (`pulumi preview/up --policy-pack policy`) against a
// local API server: a mandatory violation fails the preview with its message, an
// advisory one warns and lets it pass, remediation changes what is sent, and the
// component's own objects pass the whole pack.
import * as k8s from "@pulumi/kubernetes";
import { PulumiFn, Stack } from "@pulumi/pulumi/automation";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { kubectl } from "../../scripts/cluster/cluster";
import { repoRoot } from "../../scripts/paths";
import { openStack } from "../../scripts/pulumi/workspace";
import { CanaryDelivery } from "../../provider/src";
import { getObject, useCluster } from "../helpers/local-cluster";
import { usePulumiRun } from "../helpers/pulumi-run";

const policyPack = path.join(repoRoot, "policy");

function rollout(name: string, steps: object[]): k8s.apiextensions.CustomResource {
    const labels = { app: name };
    return new k8s.apiextensions.CustomResource(name, {
        apiVersion: "argoproj.io/v1alpha1",
        kind: "Rollout",
        metadata: { name, namespace: "default" },
        spec: {
            selector: { matchLabels: labels },
            template: { metadata: { labels }, spec: { containers: [{ name: "app", image: "nginx:1.27" }] } },
            strategy: { canary: { steps } },
        },
    });
}

describe("policy pack through the real CLI", function () {
    this.timeout(600_000);
    const cluster = useCluster("policy-it");
    const { stateDir, capture } = usePulumiRun();
    const stack = (name: string, program: PulumiFn, config?: Record<string, string>): Promise<Stack> =>
        openStack({ program, stackName: name, projectName: "policy-it", stateDir, kubeconfig: cluster.current().kubeconfig, config });


    it("a mandatory violation (decreasing weights) fails the preview with its message", async () => {
        const s = await stack("mandatory", async () => {
            rollout("shrinking", [{ setWeight: 50 }, { pause: { duration: "1m" } }, { setWeight: 20 }]);
        });
        await assert.rejects(s.preview({ policyPacks: [policyPack], onOutput: capture }), (err: Error) => {
            assert.match(String(err), /canary-step-weights/);
            assert.match(String(err), /spec\.strategy\.canary\.steps\[2\]\.setWeight is 20, lower than .* weights must not decrease/);
            assert.match(String(err), /mandatory/);
            return true;
        });
    });

    it("stack config reaches the pack: a production stack's canary without analysis fails", async () => {
        const canary = async () => { rollout("unwatched", [{ setWeight: 20 }, { pause: { duration: "1m" } }]); };
        const production = await stack("production", canary, { "canary-delivery:production": "true" });
        await assert.rejects(production.preview({ policyPacks: [policyPack], onOutput: capture }), (err: Error) => {
            assert.match(String(err), /canary-analysis-required/);
            return true;
        });
        const other = await stack("staging", canary);
        const res = await other.preview({ policyPacks: [policyPack], onOutput: capture });
        assert.doesNotMatch(res.stdout, /canary-analysis-required/);
    });

    it("an advisory violation (unqualified gateway) warns and lets the update pass", async () => {
        const s = await stack("advisory", async () => {
            new k8s.apiextensions.CustomResource("routes", {
                apiVersion: "networking.istio.io/v1",
                kind: "VirtualService",
                metadata: { name: "routes", namespace: "default" },
                spec: { hosts: ["shop.example.com"], gateways: ["public-gateway"], http: [{ route: [{ destination: { host: "shop" } }] }] },
            });
        });
        const res = await s.up({ policyPacks: [policyPack], onOutput: capture });
        assert.strictEqual(res.summary.result, "succeeded");
        assert.match(res.stdout, /canary-istio-gateways/);
        assert.match(res.stdout, /advisory/);
        assert.match(res.stdout, /"public-gateway" is not namespace-qualified/);
        assert.ok(getObject(cluster.current(), "virtualservices.networking.istio.io", "routes"));
    });

    it("remediation adds the injection label to a mesh Namespace before it is sent", async () => {
        const config = path.join(stateDir, "policy-config.json");
        fs.writeFileSync(config, JSON.stringify({ "canary-istio-namespace-label": { meshNamespaces: ["mesh-*"] } }));
        const s = await stack("remediate", async () => {
            new k8s.core.v1.Namespace("mesh-shop", { metadata: { name: "mesh-shop" } });
        });
        const res = await s.up({ policyPacks: [policyPack], policyPackConfigs: [config], onOutput: capture });
        assert.strictEqual(res.summary.result, "succeeded");
        const ns = getObject(cluster.current(), "namespace", "mesh-shop", null);
        assert.strictEqual(ns.metadata.labels["istio-injection"], "enabled");
    });

    const meshRelease = (namespace: string) => async () => {
        new CanaryDelivery("shop", {
            namespace,
            template: { image: "nginx:1.27", ports: [{ name: "http", containerPort: 8080 }] },
            istio: { hosts: ["shop.example.com"], gateways: ["istio-system/public-gateway"] },
            analysis: { prometheus: { address: "http://prometheus:9090" }, successRate: {}, background: {} },
            steps: [{ weight: 10, pause: "1m" }, { weight: 50 }],
        });
    };

    it("a CanaryDelivery in a namespace outside the stack without sidecar injection fails (live labels)", async () => {
        kubectl(cluster.current(), ["create", "namespace", "shop-plain"]);
        const s = await stack("no-injection", meshRelease("shop-plain"));
        await assert.rejects(s.preview({ policyPacks: [policyPack], onOutput: capture }), (err: Error) => {
            assert.match(String(err), /canary-istio-sidecar-injection/);
            assert.match(String(err), /Namespace "shop-plain" \(outside this stack; live labels exposed by CanaryDelivery "shop" as namespaceLabels\)/);
            return true;
        });
    });

    it("a CanaryDelivery with Istio and analysis in a mesh namespace passes the whole pack", async () => {
        kubectl(cluster.current(), ["create", "namespace", "shop-mesh"]);
        kubectl(cluster.current(), ["label", "namespace", "shop-mesh", "istio-injection=enabled"]);
        const s = await stack("component", meshRelease("shop-mesh"));
        const res = await s.preview({ policyPacks: [policyPack], onOutput: capture });
        assert.match(res.stdout, /canary-delivery@v0\.1\.0/, "the pack ran");
        assert.doesNotMatch(res.stdout, /mandatory/);
        assert.ok((res.changeSummary.create ?? 0) > 0);
    });
});
