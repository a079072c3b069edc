// Every live read goes to the cluster of the Kubernetes provider the component's children use,
// never the ambient one. Two local API servers: the ambient one (KUBECONFIG and the stack's
// default provider) holds a decoy Rollout of the same name, paused mid-canary; the component is
// given an explicit provider for the second. From TypeScript in-process and from Pulumi YAML
// through the provider plugin, the preview, the status outputs and namespaceLabels describe the
// second cluster.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Cluster, kubectl } from "../../scripts/cluster/cluster";
import { cliEnv, pulumi as pulumiCli, sharedStagedProvider } from "../../scripts/provider-plugin";
import { openStack } from "../../scripts/pulumi/workspace";
import { CanaryDelivery } from "../../provider/src";
import { getObject, useCluster, writeRolloutStatus } from "../helpers/local-cluster";
import { usePulumiRun } from "../helpers/pulumi-run";

const ROLLOUT = "rollouts.argoproj.io";

/** A Rollout named `name` in `c`, paused at its second stage as the controller would report it. */
function decoyRollout(c: Cluster, name: string): void {
    const manifest = {
        apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", metadata: { name, namespace: "default" },
        spec: {
            selector: { matchLabels: { app: name } },
            template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "app", image: "decoy:9" }] } },
            strategy: { canary: { steps: [{ setWeight: 10 }, { pause: {} }, { setWeight: 60 }, { pause: {} }] } },
        },
    };
    const file = path.join(c.dir, `${name}-decoy.json`);
    fs.writeFileSync(file, JSON.stringify(manifest));
    kubectl(c, ["apply", "-f", file]);
    setStatus(c, name, { phase: "Paused", currentStepIndex: 3, pauseConditions: [{ reason: "CanaryPauseStep", startTime: new Date().toISOString() }],
        stableRS: "decoy1", currentPodHash: "decoy2", canary: { weights: { canary: { weight: 60, podTemplateHash: "decoy2", serviceName: name }, stable: { weight: 40, podTemplateHash: "decoy1", serviceName: name } } } });
}

/** Writes `status` as the controller does, observedGeneration (a string in Argo) included. */
function setStatus(c: Cluster, name: string, status: object): void {
    const observedGeneration = String(getObject(c, ROLLOUT, name).metadata.generation);
    writeRolloutStatus(c, name, { observedGeneration, ...status });
}

describe("live reads use the cluster of the component's Kubernetes provider (two clusters, a decoy)", function () {
    this.timeout(900_000);
    const ambient = useCluster("ambient-it");
    const target = useCluster("target-it");
    const { stateDir, capture } = usePulumiRun();
    const savedKubeconfig = process.env.KUBECONFIG;

    before(() => {
        // The ambient cluster: KUBECONFIG and the default provider point at it, and it has a decoy.
        process.env.KUBECONFIG = ambient.current().kubeconfig;
        decoyRollout(ambient.current(), "shop");
        decoyRollout(ambient.current(), "shop-yaml");
        kubectl(ambient.current(), ["label", "namespace", "default", "cluster=ambient"]);
        kubectl(target.current(), ["label", "namespace", "default", "cluster=target"]);
    });
    after(() => {
        if (savedKubeconfig === undefined) delete process.env.KUBECONFIG;
        else process.env.KUBECONFIG = savedKubeconfig;
    });

    describe("TypeScript in-process, provider given to the component", () => {
        const program = async () => {
            const second = new k8s.Provider("second", { kubeconfig: target.current().kubeconfig });
            const release = new CanaryDelivery("shop", {
                template: { image: "shop:1" },
                steps: [{ weight: 20, pause: "" }, { weight: 50, pause: "1m" }],
                // No Argo controller on these API servers: apply without following.
                delivery: { wait: false },
            }, { provider: second });
            // The provider reaches a child through its parent's providers, too.
            const group = new pulumi.ComponentResource("test:index:Group", "group", {}, { providers: [second] });
            const child = new CanaryDelivery("via-parent", {
                template: { image: "shop:1" }, steps: [{ weight: 20, pause: "" }], delivery: { wait: false },
            }, { parent: group });
            return {
                liveSummary: release.liveSummary, status: release.status, namespaceLabels: release.namespaceLabels, namespace: release.namespace,
                childLabels: child.namespaceLabels,
            };
        };
        let stack: Awaited<ReturnType<typeof openStack>>;
        before(async () => {
            stack = await openStack({ program, stackName: "two-clusters-ts", stateDir, kubeconfig: ambient.current().kubeconfig });
        });

        it("the preview reads the provider's cluster (not deployed yet), not the decoy paused at stage 2", async () => {
            const preview = await stack.preview({ onOutput: capture });
            assert.match(preview.stdout, /Rollout shop: not deployed yet; first release/);
            assert.doesNotMatch(preview.stdout, /stage 2 of 2|canary at 60%/);
        });

        it("up lands in the provider's cluster; outputs and namespaceLabels describe it; the decoy is untouched", async () => {
            const up = await stack.up({ onOutput: capture });
            assert.deepStrictEqual(up.outputs.namespaceLabels.value["cluster"], "target");
            assert.deepStrictEqual(up.outputs.childLabels.value["cluster"], "target", "a provider from the parent");
            assert.ok(getObject(target.current(), ROLLOUT, "via-parent"), "the child's Rollout is in the provider's cluster");
            assert.strictEqual(up.outputs.namespace.value, "default");
            assert.strictEqual(getObject(target.current(), ROLLOUT, "shop").spec.template.spec.containers[0].image, "shop:1");
            assert.strictEqual(getObject(ambient.current(), ROLLOUT, "shop").spec.template.spec.containers[0].image, "decoy:9");
            assert.doesNotMatch(up.outputs.liveSummary.value, /60%/);
        });

        it("with a status in the provider's cluster, the preview reports that one", async () => {
            setStatus(target.current(), "shop", { phase: "Paused", currentStepIndex: 1,
                pauseConditions: [{ reason: "CanaryPauseStep", startTime: new Date().toISOString() }], stableRS: "t1", currentPodHash: "t2",
                canary: { weights: { canary: { weight: 20, podTemplateHash: "t2", serviceName: "shop" }, stable: { weight: 80, podTemplateHash: "t1", serviceName: "shop" } } } });
            const preview = await stack.preview({ onOutput: capture });
            assert.match(preview.stdout, /Rollout shop: paused at stage 1 of 2, canary at 20%; no change to the pod template or the steps/);
        });

        it("destroy", async () => {
            await stack.destroy({ onOutput: capture });
        });
    });

    describe("a provider whose kubeconfig is not known during the preview", () => {
        it("the preview says the live status is unknown and why, and reads no other cluster", async () => {
            const stack = await openStack({
                program: async () => {
                    // A kubeconfig that depends on the id of an object not created yet (unknown in a preview).
                    const marker = new k8s.core.v1.ConfigMap("marker", { metadata: { namespace: "default" } });
                    const later = new k8s.Provider("later", { kubeconfig: marker.id.apply(() => target.current().kubeconfig) });
                    new CanaryDelivery("shop", { template: { image: "shop:1" }, steps: [{ weight: 20, pause: "" }], delivery: { wait: false } }, { provider: later });
                },
                stackName: "unknown-provider", stateDir, kubeconfig: ambient.current().kubeconfig,
            });
            const preview = await stack.preview({ onOutput: capture });
            assert.match(preview.stdout, /Rollout shop: live status unknown: the Kubernetes provider "later" gets its kubeconfig from a resource that is not created yet/);
            assert.doesNotMatch(preview.stdout, /canary at 60%|not deployed yet/);
        });
    });

    describe("Pulumi YAML through the provider plugin, provider given in the options", () => {
        let dir: string;
        let env: NodeJS.ProcessEnv;
        before(() => {
            dir = fs.mkdtempSync(path.join(stateDir, "..", "canary-two-clusters-yaml-"));
            const plugin = sharedStagedProvider().dir;
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), [
                "name: two-clusters-yaml",
                "runtime: yaml",
                "packages:",
                `  canary-delivery: ${plugin}`,
                "resources:",
                "  second:",
                "    type: pulumi:providers:kubernetes",
                "    properties:",
                `      kubeconfig: ${target.current().kubeconfig}`,
                "  shop:",
                "    type: canary-delivery:CanaryDelivery",
                "    options:",
                "      providers:",
                "        - ${second}",
                "    properties:",
                "      releaseName: shop-yaml",
                "      template:",
                "        image: shop:1",
                "      steps:",
                "        - weight: 20",
                "          pause: \"\"",
                "      delivery:",
                "        wait: false",
                "outputs:",
                "  liveSummary: ${shop.liveSummary}",
                "  namespaceLabels: ${shop.namespaceLabels}",
            ].join("\n") + "\n");
            env = { ...cliEnv(stateDir), KUBECONFIG: ambient.current().kubeconfig };
            pulumiCli(["stack", "init", "it"], { cwd: dir, env });
            pulumiCli(["config", "set", "kubernetes:kubeconfig", ambient.current().kubeconfig], { cwd: dir, env });
        });
        after(() => {
            try {
                pulumiCli(["destroy", "--yes", "--skip-preview"], { cwd: dir, env });
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });

        it("the preview and the outputs describe the provider's cluster, not the decoy", () => {
            const preview = pulumiCli(["preview", "--non-interactive"], { cwd: dir, env });
            capture(preview);
            assert.match(preview, /Rollout shop-yaml: not deployed yet; first release/);
            assert.doesNotMatch(preview, /canary at 60%/);
            const up = pulumiCli(["up", "--yes", "--skip-preview", "--non-interactive"], { cwd: dir, env });
            capture(up);
            const outputs = JSON.parse(pulumiCli(["stack", "output", "--json"], { cwd: dir, env }));
            assert.strictEqual(outputs.namespaceLabels.cluster, "target");
            assert.ok(getObject(target.current(), ROLLOUT, "shop-yaml"), "created in the provider's cluster");
            assert.strictEqual(getObject(ambient.current(), ROLLOUT, "shop-yaml").spec.template.spec.containers[0].image, "decoy:9");
        });
    });
});
