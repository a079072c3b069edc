// Every release scenario of the unit tests, deployed at once through the real engine and
// Kubernetes provider onto a real API server: the real CRDs validate every Rollout,
// AnalysisTemplate, VirtualService and DestinationRule server-side; then a no-change
// preview and a destroy.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as assert from "assert";
import { kubectl } from "../../scripts/cluster/cluster";
import { CanaryDelivery } from "../../provider/src";
import { Scenario, SCENARIOS } from "../helpers/scenarios";
import { useSharedCluster } from "../helpers/local-cluster";
import { assertNoChanges, useStack } from "../helpers/pulumi-run";

// A handed-back Deployment is awaited until its pods are available, which needs nodes
// and a scheduler; the local control plane has neither yet.
const deployable = SCENARIOS.filter((s) => !s.args.workloadRef?.handBack);

function release(sc: Scenario): CanaryDelivery {
    const ns = new k8s.core.v1.Namespace(`ns-${sc.name}`, { metadata: { name: `sc-${sc.name}` } });
    const dependsOn: pulumi.Resource[] = [ns];
    const ref = sc.args.workloadRef;
    if (ref) {
        // The Deployment an adoption scenario takes over; nothing schedules its pods here. Its
        // replicas belong to the Argo controller once adopted: the recipe the README gives.
        dependsOn.push(new k8s.apps.v1.Deployment(`deploy-${sc.name}`, {
            metadata: { name: ref.name, namespace: ns.metadata.name, annotations: { "pulumi.com/skipAwait": "true" } },
            spec: {
                replicas: 2,
                selector: { matchLabels: ref.matchLabels },
                template: { metadata: { labels: ref.matchLabels }, spec: { containers: [{ name: "app", image: "nginx:1.27" }] } },
            },
        }, { dependsOn: [ns], ignoreChanges: ["spec.replicas"] }));
    }
    // This API server runs no Argo controller: apply without following the release.
    return new CanaryDelivery(sc.name, { ...sc.args, namespace: ns.metadata.name, delivery: { wait: false } }, { dependsOn });
}

describe("every scenario on a local API server (real engine, real CRDs)", function () {
    this.timeout(600_000);
    // Each scenario gets a namespace of its own (sc-<name>), which the stack creates and destroys.
    const cluster = useSharedCluster(null);
    const stack = useStack(cluster, {
        program: async () => {
            const out: Record<string, pulumi.Output<unknown>> = {};
            for (const sc of deployable) {
                out[sc.name] = release(sc).objects;
            }
            return out;
        },
        stackName: "scenarios",
    });

    it(`up: the API server accepts all ${deployable.length} deployable scenarios`, async () => {
        const res = await stack.current().up({ onOutput: stack.capture });
        assert.strictEqual(res.summary.result, "succeeded");
        for (const sc of deployable) {
            const objects = res.outputs[sc.name].value as { kind: string; name: string; managedBy: string }[];
            for (const o of objects.filter((x) => x.managedBy === "component")) {
                const json = JSON.parse(kubectl(cluster.current(), ["get", o.kind, o.name, "-n", `sc-${sc.name}`, "-o", "json"]));
                assert.strictEqual(json.metadata.name, o.name, `${sc.name}: ${o.kind} ${o.name}`);
            }
        }
    });

    it("a second preview reports no changes", async () => {
        assertNoChanges((await stack.current().preview({ onOutput: stack.capture })).changeSummary);
    });

    it("the controller scaling an adopted Deployment to 0 shows no diff, even after a refresh, and is not reverted", async () => {
        const adopted = deployable.filter((s) => s.args.workloadRef);
        assert.ok(adopted.length > 0);
        for (const sc of adopted) {
            // What the Argo controller does with scaleDown: scale the original to zero, as its own manager.
            kubectl(cluster.current(), ["patch", "deployment", sc.args.workloadRef!.name as string, "-n", `sc-${sc.name}`,
                "--type=merge", "--field-manager=rollouts-controller", "-p", JSON.stringify({ spec: { replicas: 0 } })]);
        }
        for (const refresh of [false, true]) {
            assertNoChanges((await stack.current().preview({ refresh, onOutput: stack.capture })).changeSummary);
        }
        await stack.current().up({ onOutput: stack.capture });
        for (const sc of adopted) {
            const d = JSON.parse(kubectl(cluster.current(), ["get", "deployment", sc.args.workloadRef!.name as string, "-n", `sc-${sc.name}`, "-o", "json"]));
            assert.strictEqual(d.spec.replicas, 0, `${sc.name}: the controller's replicas were left alone`);
        }
    });

    it("destroy removes every release and its namespace", async () => {
        const res = await stack.current().destroy({ onOutput: stack.capture });
        assert.strictEqual(res.summary.result, "succeeded");
        const namespaces = deployable.map((sc) => `sc-${sc.name}`);
        const left = (JSON.parse(kubectl(cluster.current(), ["get", "rollouts.argoproj.io", "-A", "-o", "json"])).items as any[])
            .filter((r) => namespaces.includes(r.metadata.namespace)).map((r) => `${r.metadata.namespace}/${r.metadata.name}`);
        assert.deepStrictEqual(left, [], "no Rollout of a scenario is left");
    });
});
