// The demo stack (a CanaryDelivery with an Istio split and analysis) under the real Pulumi
// CLI and engine, the real Kubernetes provider and a real API server with the real Argo
// Rollouts and Istio CRDs: up, no-change preview, weights moved by "the controller" are
// left alone, an image update, destroy.
import { EngineEvent } from "@pulumi/pulumi/automation";
import * as assert from "assert";
import * as path from "path";
import { kubectl } from "../../scripts/cluster/cluster";
import { repoRoot } from "../../scripts/paths";
import { getObject, useCluster } from "../helpers/local-cluster";
import { assertNoChanges, useStack } from "../helpers/pulumi-run";

const KINDS: Record<string, string> = {
    Rollout: "rollouts.argoproj.io",
    AnalysisTemplate: "analysistemplates.argoproj.io",
    VirtualService: "virtualservices.networking.istio.io",
    DestinationRule: "destinationrules.networking.istio.io",
    Service: "service",
};

describe("demo stack on a local API server (real CLI)", function () {
    this.timeout(600_000);
    const cluster = useCluster("demo-it");
    const stack = useStack(cluster, {
        workDir: repoRoot, stackName: "it",
        // This API server runs no Argo controller: the demo applies without following.
        config: { image: "nginx:1.27", follow: "false" },
    });
    let created: { kind: string; name: string }[] = [];
    const weights = () => getObject(cluster.current(), KINDS.VirtualService, "demo")
        .spec.http[0].route.map((r: any) => r.weight);

    it("up creates every object of the release on the API server", async () => {
        const res = await stack.current().up({ onOutput: stack.capture });
        assert.strictEqual(res.summary.result, "succeeded");
        created = (res.outputs.objects.value as { kind: string; name: string; managedBy: string }[])
            .filter((o) => o.managedBy === "component");
        assert.deepStrictEqual([...new Set(created.map((o) => o.kind))].sort(),
            ["AnalysisTemplate", "DestinationRule", "Rollout", "Service", "VirtualService"]);
        for (const o of created) {
            assert.ok(getObject(cluster.current(), KINDS[o.kind], o.name), `${o.kind} ${o.name} exists`);
        }
        const rollout = getObject(cluster.current(), KINDS.Rollout, "demo");
        assert.strictEqual(rollout.spec.template.spec.containers[0].image, "nginx:1.27");
        assert.strictEqual(rollout.spec.strategy.canary.trafficRouting.istio.virtualService.name, "demo");
        assert.deepStrictEqual(weights(), [100, 0]);
        assert.match(res.outputs.plan.value, /^10% for 10s, 30% until promoted, 60% for 10s, 100%/);
    });

    it("a second preview reports no changes, and the whole policy pack finds nothing", async () => {
        const events: EngineEvent[] = [];
        const preview = await stack.current().preview({ policyPacks: [path.join(repoRoot, "policy")], onOutput: stack.capture, onEvent: (e) => events.push(e) });
        assertNoChanges(preview.changeSummary);
        assert.match(preview.stdout, /canary-delivery@v\d/, "the pack ran");
        // The namespace is labelled for injection by the stack's NamespacePatch (and read live by the component).
        const found = events.flatMap((e) => e.policyEvent ? [`${e.policyEvent.policyName}: ${e.policyEvent.message}`] : []);
        assert.deepStrictEqual(found, []);
    });

    it("the stack labels the namespace for Istio injection", () => {
        const ns = getObject(cluster.current(), "namespace", "default", null);
        assert.strictEqual(ns.metadata.labels["istio-injection"], "enabled");
    });

    it("weights the controller moved show no diff, even after a refresh, and are not reverted", async () => {
        // What the Argo controller does at a 30% step: rewrite the route weights as its own manager.
        kubectl(cluster.current(), ["patch", KINDS.VirtualService, "demo", "--type=json",
            "--field-manager=rollouts-controller", "-p", JSON.stringify([
                { op: "replace", path: "/spec/http/0/route/0/weight", value: 70 },
                { op: "replace", path: "/spec/http/0/route/1/weight", value: 30 },
            ])]);
        assertNoChanges((await stack.current().preview({ onOutput: stack.capture })).changeSummary);
        assertNoChanges((await stack.current().preview({ refresh: true, onOutput: stack.capture })).changeSummary);
        await stack.current().up({ onOutput: stack.capture });
        assert.deepStrictEqual(weights(), [70, 30], "pulumi up left the controller's weights alone");
    });

    it("an image change updates exactly the Rollout (the component's inputs are its identity), and the diff names the field", async () => {
        await stack.current().setConfig("image", { value: "nginx:1.28" });
        const preview = await stack.current().preview({ onOutput: stack.capture });
        const updated = [...preview.stdout.matchAll(/^ ~\s+(\S+) (\S+) update/gm)].map((m) => `${m[1]} ${m[2]}`);
        assert.deepStrictEqual([...new Set(updated)].sort(), ["kubernetes:argoproj.io/v1alpha1:Rollout demo-rollout"]);
        // The reviewer is told what the change does to the live release.
        assert.match(preview.stdout, /Rollout demo: .*; this pod template change starts a new canary from stage 1/);
        const diff = await stack.current().preview({ diff: true, onOutput: stack.capture });
        assert.match(diff.stdout, /image\s*:\s*"nginx:1\.27"\s*=>\s*"nginx:1\.28"/);
        const res = await stack.current().up({ onOutput: stack.capture });
        assert.strictEqual(res.summary.resourceChanges?.update, 1, JSON.stringify(res.summary.resourceChanges));
        const rollout = getObject(cluster.current(), KINDS.Rollout, "demo");
        assert.strictEqual(rollout.spec.template.spec.containers[0].image, "nginx:1.28");
    });

    it("destroy removes every object from the API server", async () => {
        const res = await stack.current().destroy({ onOutput: stack.capture });
        assert.strictEqual(res.summary.result, "succeeded");
        for (const o of created) {
            assert.strictEqual(getObject(cluster.current(), KINDS[o.kind], o.name), undefined, `${o.kind} ${o.name} is gone`);
        }
    });
});
