// Removing several canaries at once, with the status Argo writes. The Argo controller records
// `status.observedGeneration` as a string; the Kubernetes provider's delete awaiter (v4.25.0,
// unfixed upstream) dereferenced a nil kstatus result for any copy of such a Rollout not yet
// marked for deletion, and the provider process died mid-destroy. It reaches the awaiter when
// the shared informer, started by the first delete in a namespace, replays its cached copy of
// the next Rollout. Our provider build fixes it (scripts/toolchain/kubernetes-provider/patch.ts);
// this suite removes eight canaries of one namespace in one operation, three times over, with
// the status written exactly as the controller writes it.
import * as assert from "assert";
import { CanaryDelivery } from "../../provider/src";
import { getObject, useSharedCluster, writeRolloutStatus } from "../helpers/local-cluster";
import { useStack } from "../helpers/pulumi-run";

const ROLLOUT = "rollouts.argoproj.io";
const NAMESPACE = "rollout-delete";
const NAMES = ["r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7"];

describe("removing several canaries of one namespace at once (real CLI, Argo's string observedGeneration)", function () {
    this.timeout(600_000);
    const cluster = useSharedCluster(NAMESPACE);

    /** The status the controller writes for a Healthy Rollout: observedGeneration is a string. */
    const writeArgoStatus = (name: string) => {
        const rollout = getObject(cluster.current(), ROLLOUT, name, NAMESPACE);
        const status = {
            observedGeneration: String(rollout.metadata.generation), phase: "Healthy",
            stableRS: "6b8f7c9d5", currentPodHash: "6b8f7c9d5", currentStepIndex: 2, replicas: 1,
        };
        writeRolloutStatus(cluster.current(), name, status, NAMESPACE);
    };

    const stack = useStack(cluster, {
        program: async () => {
            for (const name of NAMES) {
                new CanaryDelivery(name, {
                    namespace: NAMESPACE, replicas: 1,
                    template: { image: `${name}:1` },
                    steps: [{ weight: 20, pause: "" }],
                    // No Argo controller in this tier: the test writes the status as it would.
                    delivery: { wait: false },
                });
            }
        },
        stackName: "rollout-delete",
    });

    for (const round of [1, 2, 3]) {
        it(`round ${round}: up, the controller's status on every Rollout, then destroy removes them all`, async () => {
            await stack.current().up({ onOutput: stack.capture });
            for (const name of NAMES) {
                writeArgoStatus(name);
            }
            const result = await stack.current().destroy({ onOutput: stack.capture });
            assert.strictEqual(result.summary.result, "succeeded");
            for (const name of NAMES) {
                assert.strictEqual(getObject(cluster.current(), ROLLOUT, name, NAMESPACE), undefined, `${name} is gone`);
            }
        });
    }
});
