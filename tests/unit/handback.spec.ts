// Adopting a Deployment must never leave the application with zero pods when the CanaryDelivery
// is removed (argoproj/argo-rollouts#3855). What each configuration registers, and why it is safe.
import * as assert from "assert";
import type { CanaryDeliveryArgs } from "../../provider/src/args";
import type { Child } from "../../provider/src/build";
import { render } from "../helpers/render";

const adopt = (workloadRef: Partial<NonNullable<CanaryDeliveryArgs["workloadRef"]>>): Child[] =>
    render("shop", {
        replicas: 3,
        workloadRef: { name: "shop", matchLabels: { app: "shop" }, ...workloadRef },
        steps: [{ weight: 20, pause: "10m" }],
    }).manifests.children;
const rollout = (children: Child[]) => children.find((c) => c.kind === "Rollout")!;
const scaleDownOf = (children: Child[]) => (rollout(children).manifest.spec as { workloadRef: { scaleDown: string } }).workloadRef.scaleDown;

describe("hand-back of an adopted Deployment", () => {
    it("by default the Deployment is never scaled down, so removing the component is safe as is", () => {
        const children = adopt({});
        assert.strictEqual(scaleDownOf(children), "never");
        assert.strictEqual(rollout(children).retainOnDelete, undefined);
        assert.ok(!children.some((c) => c.kind === "DeploymentPatch"));
    });

    for (const scaleDown of ["onsuccess", "progressively"] as const) {
        it(`with scaleDown ${scaleDown}, the Rollout outlives the component, so its pods keep serving`, () => {
            const children = adopt({ scaleDown });
            assert.strictEqual(scaleDownOf(children), scaleDown);
            assert.strictEqual(rollout(children).retainOnDelete, true);
        });
    }

    it("handBack restores the Deployment's replicas with a retained, forced patch and stops the scale-down", () => {
        const children = adopt({ scaleDown: "onsuccess", handBack: true });
        const patch = children.find((c) => c.kind === "DeploymentPatch")!;
        assert.deepStrictEqual(patch.manifest, {
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: { name: "shop", annotations: { "pulumi.com/patchForce": "true" } },
            spec: { replicas: 3 },
        });
        assert.strictEqual(patch.retainOnDelete, true, "deleting the patch would relinquish spec.replicas and reset it");
        assert.strictEqual(scaleDownOf(children), "never");
        assert.strictEqual(rollout(children).retainOnDelete, undefined, "the Rollout may now go with the component");
        assert.ok(children.indexOf(patch) > children.indexOf(rollout(children)), "the Deployment is scaled up after the Rollout stops scaling it down");
    });

    it("handBackReplicas overrides the count given back", () => {
        const patch = adopt({ handBack: true, handBackReplicas: 6 }).find((c) => c.kind === "DeploymentPatch")!;
        assert.deepStrictEqual(patch.manifest.spec, { replicas: 6 });
    });

    it("the adopted Deployment itself is never registered", () => {
        assert.ok(!adopt({ scaleDown: "onsuccess" }).some((c) => c.manifest.kind === "Deployment" && c.kind !== "DeploymentPatch"));
    });
});
