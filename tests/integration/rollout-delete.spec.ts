// Removing several canaries at once, with the status Argo writes. The Argo controller records
// `status.observedGeneration` as a string; the Kubernetes provider's delete awaiter (v4.25.0,
// unfixed upstream) dereferenced a nil kstatus result for any copy of such a Rollout not yet
// marked for deletion, and the provider process died mid-destroy. It reaches the awaiter when
// the shared informer, started by the first delete in a namespace, replays its cached copy of
// the next Rollout. Our provider build fixes it (scripts/toolchain/kubernetes-provider/patch.ts);
// this suite removes eight canaries of one namespace in one operation, three times over, with
// the status written exactly as the controller writes it.
import * as assert from "assert";
import { openStack } from "../../scripts/pulumi/workspace";
import { CanaryDelivery } from "../../provider/src";
import { getObject, useCluster, writeRolloutStatus } from "../helpers/local-cluster";
import { usePulumiRun } from "../helpers/pulumi-run";

const ROLLOUT = "rollouts.argoproj.io";
const NAMES = ["r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7"];

describe("removing several canaries of one namespace at once (real CLI, Argo's string observedGeneration)", function () {
    this.timeout(600_000);
    const cluster = useCluster("rollout-delete");
    const { stateDir, capture } = usePulumiRun();
    let stack: Awaited<ReturnType<typeof openStack>>;

    /** The status the controller writes for a Healthy Rollout: observedGeneration is a string. */
    const writeArgoStatus = (name: string) => {
        const rollout = getObject(cluster.current(), ROLLOUT, name);
        const status = {
            observedGeneration: String(rollout.metadata.generation), phase: "Healthy",
            stableRS: "6b8f7c9d5", currentPodHash: "6b8f7c9d5", currentStepIndex: 2, replicas: 1,
        };
        writeRolloutStatus(cluster.current(), name, status);
    };

    before(async () => {
        stack = await openStack({
            program: async () => {
                for (const name of NAMES) {
                    new CanaryDelivery(name, {
                        namespace: "default", replicas: 1,
                        template: { image: `${name}:1` },
                        steps: [{ weight: 20, pause: "" }],
                        // No Argo controller in this tier: the test writes the status as it would.
                        delivery: { wait: false },
                    });
                }
            },
            stackName: "rollout-delete", stateDir, kubeconfig: cluster.current().kubeconfig,
        });
    });

    for (const round of [1, 2, 3]) {
        it(`round ${round}: up, the controller's status on every Rollout, then destroy removes them all`, async () => {
            await stack.up({ onOutput: capture });
            for (const name of NAMES) {
                writeArgoStatus(name);
            }
            const result = await stack.destroy({ onOutput: capture });
            assert.strictEqual(result.summary.result, "succeeded");
            for (const name of NAMES) {
                assert.strictEqual(getObject(cluster.current(), ROLLOUT, name), undefined, `${name} is gone`);
            }
        });
    }
});
