// The preview a reviewer reads in a pull request, against a live release: real Rollout
// status written through the status subresource (as the Argo controller writes it), then
// `pulumi preview` says where the release stands and what the change does to it.
import * as pulumi from "@pulumi/pulumi";
import * as assert from "assert";
import { kubectl } from "../../scripts/cluster/cluster";
import { CanaryDelivery } from "../../provider/src";
import { COMPONENT_TYPE } from "../../provider/src/cli/releases";
import { pausedAtStage2, useSharedCluster, writeRolloutStatus } from "../helpers/local-cluster";
import { useStack } from "../helpers/pulumi-run";

const NAMESPACE = "stateful-preview";
const STEPS = JSON.stringify([{ weight: 10, pause: "1m" }, { weight: 30 }, { weight: 60, pause: "5m" }]);

describe("stateful preview of a live release (real CLI, real status)", function () {
    this.timeout(600_000);
    const cluster = useSharedCluster(NAMESPACE);
    const stack = useStack(cluster, {
        program: async () => {
            const config = new pulumi.Config();
            const release = new CanaryDelivery("shop", {
                namespace: NAMESPACE,
                template: { image: config.require("image"), ports: [{ name: "http", containerPort: 8080 }] },
                steps: JSON.parse(config.require("steps")),
                // No Argo controller here: the test writes the status as the controller would.
                delivery: { wait: false },
            });
            return { status: release.status, liveSummary: release.liveSummary, changeImpact: release.changeImpact };
        },
        stackName: "stateful",
        config: { image: "shop:1", steps: STEPS },
    });
    const setStatus = (status: object) => writeRolloutStatus(cluster.current(), "shop", status, NAMESPACE);
    const previewSays = async () => (await stack.current().preview({ onOutput: stack.capture })).stdout;
    /** The state's entry of the first resource of `type`. */
    const stateOf = async (type: string) => (await stack.current().exportStack()).deployment.resources.find((r: { type: string }) => r.type === type);

    it("before the first deploy: not deployed yet, and the first release skips the steps", async () => {
        assert.match(await previewSays(), /Rollout shop: not deployed yet; first release: Argo Rollouts skips the steps/);
        const up = await stack.current().up({ onOutput: stack.capture });
        assert.strictEqual(up.outputs.liveSummary.value, "waiting for the Argo Rollouts controller to pick up the new spec");
    });

    it("the state keeps the live outputs but not the preview's change verdict, so a no-op up rewrites nothing", async () => {
        // changeImpact differs from one update to the next ("first release" then "no change"): kept in the
        // state, every `pulumi up` would rewrite the component's outputs, one more checkpoint write per release.
        const componentOutputs = async () => {
            const component = await stateOf(COMPONENT_TYPE);
            assert.ok(component, "the component is in the state");
            return component.outputs;
        };
        const before = await componentOutputs();
        assert.strictEqual(before.liveSummary, "waiting for the Argo Rollouts controller to pick up the new spec");
        assert.ok(!("changeImpact" in before), `changeImpact is not recorded: ${JSON.stringify(Object.keys(before))}`);
        const up = await stack.current().up({ onOutput: stack.capture });
        // The property itself still resolves during an update, for programs that export it.
        assert.strictEqual(up.outputs.changeImpact.value, "no change to the pod template or the steps: the release is left as it is");
        assert.deepStrictEqual(await componentOutputs(), before);
    });

    it("paused at stage 2 of 3 with 30%: an image change restarts the canary from stage 1", async () => {
        setStatus(pausedAtStage2());
        await stack.current().setConfig("image", { value: "shop:2" });
        assert.match(await previewSays(),
            /Rollout shop: paused at stage 2 of 3, canary at 30%; this pod template change replaces the canary in progress and restarts from stage 1/);
    });

    it("the same release with only the steps changed: the canary keeps its version, steps restart", async () => {
        await stack.current().setConfig("image", { value: "shop:1" });
        await stack.current().setConfig("steps", { value: JSON.stringify([{ weight: 20, pause: "1m" }, { weight: 50 }]) });
        assert.match(await previewSays(),
            /paused at stage 2 of 3, canary at 30%; steps-only change: the canary in progress keeps its version, and Argo restarts it at stage 1 of the new 2/);
    });

    it("fully promoted and healthy: an image change starts a new canary; the outputs are read after the update", async () => {
        setStatus({ phase: "Healthy", currentStepIndex: 6, pauseConditions: null, stableRS: "7d9f8c6b5", currentPodHash: "7d9f8c6b5",
            canary: { weights: null } });
        await stack.current().setConfig("image", { value: "shop:3" });
        await stack.current().setConfig("steps", { value: STEPS });
        assert.match(await previewSays(), /Rollout shop: Healthy, fully promoted; this pod template change starts a new canary from stage 1/);
        const argumentsBefore = (await stateOf(COMPONENT_TYPE)).outputs.arguments;
        const up = await stack.current().up({ onOutput: stack.capture });
        // Not followed (delivery.wait false): the outputs say where the release is right after the
        // update, which no controller has seen yet.
        assert.strictEqual(up.outputs.liveSummary.value, "waiting for the Argo Rollouts controller to pick up the new spec");
        assert.deepStrictEqual(
            { known: up.outputs.status.value.known, phase: up.outputs.status.value.phase, fullyPromoted: up.outputs.status.value.fullyPromoted },
            { known: true, phase: "Healthy", fullyPromoted: true });
        // The component's inputs are its identity, so new arguments change its Rollout alone: no update
        // step of the component (two more whole-checkpoint writes per release on a file backend).
        assert.strictEqual(up.summary.resourceChanges?.update, 1, JSON.stringify(up.summary.resourceChanges));
        const component = await stateOf(COMPONENT_TYPE);
        assert.deepStrictEqual(component.inputs, { releaseName: null, namespace: NAMESPACE });
        // The arguments (an output, for the report) leave the image to the Rollout's state, so an image
        // change leaves them as they were: the engine skips equal outputs, no checkpoint write for them.
        assert.deepStrictEqual(component.outputs.arguments.template, { ports: [{ name: "http", containerPort: 8080 }] });
        assert.deepStrictEqual(component.outputs.arguments, argumentsBefore);
        assert.strictEqual((await stateOf("kubernetes:argoproj.io/v1alpha1:Rollout")).inputs.spec.template.spec.containers[0].image, "shop:3");
    });

    it("the stack records a Rollout the cluster does not have: the preview says so and suggests a refresh", async () => {
        kubectl(cluster.current(), ["delete", "rollouts.argoproj.io", "shop", "-n", NAMESPACE, "--wait=true"]);
        const stdout = await previewSays();
        assert.match(stdout, /Rollout shop: the stack records Rollout stateful-preview\/shop but the cluster has none \(reset, or deleted by hand\?\): run `pulumi refresh`/);
    });
});
