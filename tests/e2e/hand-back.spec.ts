// The hand-back of an adopted Deployment (scenario `adopted-deployment-hand-back`) under the real
// Argo Rollouts controller, for both scale-down modes that take the Deployment to zero:
// the Rollout adopts the Deployment and, once Healthy, the controller scales it to 0; `handBack`
// + `pulumi up` gives the Deployment its replicas back (Available: pods really run); removing the
// CanaryDelivery then leaves the application with running replicas, never with none
// (argoproj/argo-rollouts#3855).
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as assert from "assert";
import { CanaryDelivery } from "../../provider/src";
import { scenario } from "../helpers/scenarios";
import {
    assertNoChanges, listObjects, observed, readObject, rolloutView, ROLLOUT, staysFor, useEndToEnd, waitUntil,
} from "./helpers";

const base = scenario("adopted-deployment-hand-back").args;
const baseRef = base.workloadRef!;
const HAND_BACK_REPLICAS = baseRef.handBackReplicas!;
const NAMESPACE = "e2e-handback";
/** One release per scale-down mode that takes the Deployment to zero; each adopts its own Deployment. */
const APPS = [
    { app: "shop", scaleDown: "progressively" as const },
    { app: "cart", scaleDown: "onsuccess" as const },
];

describe("e2e: handing an adopted Deployment back under the real controller", function () {
    this.timeout(600_000);
    const { cluster, stack } = useEndToEnd(NAMESPACE, {
        program: async () => {
            const config = new pulumi.Config();
            const withComponent = config.get("component") !== "off";
            const handBack = config.getBoolean("handBack") ?? false;
            const out: Record<string, unknown> = {};
            for (const { app, scaleDown } of APPS) {
                const labels = { app };
                // The application's own Deployment, as a team has it before canaries: its replica count
                // belongs to the Argo controller while adopted (the README's ignoreChanges recipe).
                const deployment = new k8s.apps.v1.Deployment(app, {
                    metadata: { name: app, namespace: NAMESPACE },
                    spec: {
                        replicas: 2,
                        selector: { matchLabels: labels },
                        template: { metadata: { labels }, spec: { containers: [{ name: "app", image: `${app}:1` }] } },
                    },
                }, { ignoreChanges: ["spec.replicas"] });
                if (withComponent) {
                    const release = new CanaryDelivery(app, {
                        ...base,
                        namespace: NAMESPACE,
                        workloadRef: { ...baseRef, name: app, matchLabels: labels, scaleDown, handBack, handBackReplicas: handBack ? HAND_BACK_REPLICAS : undefined },
                    }, { dependsOn: [deployment] });
                    out[app] = release.objects;
                }
            }
            return out;
        },
        stackName: "handback", config: { handBack: "false" },
    });
    const deployment = (app: string) => {
        const d = readObject(cluster, "deployment", app);
        return { replicas: d?.spec?.replicas, available: d?.status?.availableReplicas ?? 0, ready: d?.status?.readyReplicas ?? 0 };
    };
    /** Running, Ready pods of the app, by owner kind: the Deployment's ReplicaSet or the Rollout's. */
    const pods = (app: string) => {
        const byOwner: Record<string, number> = { deployment: 0, rollout: 0 };
        for (const p of listObjects(cluster, "pods", `app=${app}`)) {
            const ready = !p.metadata.deletionTimestamp && (p.status.conditions ?? []).some((x: any) => x.type === "Ready" && x.status === "True");
            if (ready) {
                byOwner["rollouts-pod-template-hash" in (p.metadata.labels ?? {}) ? "rollout" : "deployment"] += 1;
            }
        }
        return byOwner;
    };
    const everything = () => Object.fromEntries(APPS.map(({ app }) => [app, { deployment: deployment(app), pods: pods(app), rollout: rolloutView(cluster, app).phase }]));

    it(`adopt: each Rollout runs ${base.replicas} pods, goes Healthy, and the controller scales its Deployment to 0`, async () => {
        const up = await stack.current().up({ onOutput: stack.capture });
        assert.strictEqual(up.summary.result, "succeeded");
        await waitUntil("both Rollouts Healthy, both Deployments scaled to 0 with no pods left", everything, (all) =>
            APPS.every(({ app }) => all[app].rollout === "Healthy" && all[app].deployment.replicas === 0
                && all[app].pods.deployment === 0 && all[app].pods.rollout === base.replicas), 90_000);
        for (const { app, scaleDown } of APPS) {
            const r = readObject(cluster, ROLLOUT, app);
            assert.strictEqual(r.spec.workloadRef.scaleDown, scaleDown);
        }
        // The controller's scale-down is neither a diff nor reverted.
        assertNoChanges((await stack.current().preview({ onOutput: stack.capture })).changeSummary, "preview after the scale-down");
        const again = await stack.current().up({ onOutput: stack.capture });
        assertNoChanges(again.summary.resourceChanges ?? {}, "up after the scale-down");
        for (const { app } of APPS) {
            assert.strictEqual(deployment(app).replicas, 0, `${app}: the controller's replicas were left alone`);
        }
    });

    it(`handBack + up: each Deployment gets ${HAND_BACK_REPLICAS} replicas back, Available, and the controller leaves them`, async () => {
        await stack.current().setConfig("handBack", { value: "true" });
        const up = await stack.current().up({ onOutput: stack.capture });
        assert.strictEqual(up.summary.result, "succeeded");
        for (const { app } of APPS) {
            assert.strictEqual(readObject(cluster, ROLLOUT, app).spec.workloadRef.scaleDown, "never", `${app}: scale-down stopped`);
            // pulumi up awaited the patched Deployment: its pods are there when it returns.
            assert.deepStrictEqual(deployment(app), { replicas: HAND_BACK_REPLICAS, available: HAND_BACK_REPLICAS, ready: HAND_BACK_REPLICAS }, app);
        }
        await waitUntil("both Rollouts have seen the change", () => APPS.map(({ app }) => rolloutView(cluster, app)), (vs) => vs.every(observed));
        // The controller does not take the replicas away again.
        await staysFor("the handed-back Deployments", () => APPS.map(({ app }) => deployment(app)), 5_000);
        assertNoChanges((await stack.current().preview({ onOutput: stack.capture })).changeSummary, "preview after the hand-back");
    });

    it("remove the CanaryDelivery: the Rollouts go, the Deployments keep running their replicas", async () => {
        await stack.current().setConfig("component", { value: "off" });
        const up = await stack.current().up({ onOutput: stack.capture });
        assert.strictEqual(up.summary.result, "succeeded");
        const end = await waitUntil(`Rollouts gone, their pods gone, ${HAND_BACK_REPLICAS} Ready pods of each Deployment`, everything, (all) =>
            APPS.every(({ app }) => all[app].rollout === undefined && all[app].pods.rollout === 0 && all[app].pods.deployment === HAND_BACK_REPLICAS), 90_000);
        for (const { app } of APPS) {
            assert.strictEqual(readObject(cluster, ROLLOUT, app), undefined, `${app}: the Rollout was deleted with the component`);
            assert.deepStrictEqual(end[app].deployment, { replicas: HAND_BACK_REPLICAS, available: HAND_BACK_REPLICAS, ready: HAND_BACK_REPLICAS }, app);
        }
        assertNoChanges((await stack.current().preview({ onOutput: stack.capture })).changeSummary, "preview without the component");
    });
});
