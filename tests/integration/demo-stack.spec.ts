// The demo stack under the real Pulumi CLI and engine, the real Kubernetes provider and
// a real API server with the real Argo Rollouts CRDs: up, no-change preview, an image
// update, destroy.
import { Stack } from "@pulumi/pulumi/automation";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "../../scripts/cluster/cluster";
import { openStack } from "../../scripts/pulumi/workspace";
import { getObject, useCluster } from "../helpers/local-cluster";

describe("demo stack on a local API server (real CLI)", function () {
    this.timeout(600_000);
    const cluster = useCluster("demo-it");
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "canary-state-"));
    let stack: Stack;
    let log = "";
    const capture = (s: string) => { log += s; };

    before(async () => {
        stack = await openStack({
            workDir: repoRoot, stackName: "it", stateDir,
            kubeconfig: cluster.current().kubeconfig, config: { image: "nginx:1.27" },
        });
    });
    after(() => fs.rmSync(stateDir, { recursive: true, force: true }));
    afterEach(function () {
        if (this.currentTest?.state === "failed") {
            process.stderr.write(`--- pulumi output ---\n${log}\n`);
        }
        log = "";
    });

    it("up creates the Rollout and both Services on the API server", async () => {
        const res = await stack.up({ onOutput: capture });
        assert.strictEqual(res.summary.result, "succeeded");
        const rollout = getObject(cluster.current(), "rollouts.argoproj.io", "demo");
        assert.ok(rollout, "the Rollout exists");
        assert.strictEqual(rollout.spec.template.spec.containers[0].image, "nginx:1.27");
        assert.strictEqual(rollout.spec.strategy.canary.stableService, "demo-stable");
        for (const svc of ["demo-stable", "demo-canary"]) {
            assert.ok(getObject(cluster.current(), "service", svc), `${svc} exists`);
        }
        assert.strictEqual(res.outputs.rolloutName.value, "demo");
    });

    it("a second preview reports no changes", async () => {
        const res = await stack.preview({ onOutput: capture });
        const changed = Object.entries(res.changeSummary).filter(([op, n]) => op !== "same" && n > 0);
        assert.deepStrictEqual(changed, [], `unexpected changes: ${JSON.stringify(res.changeSummary)}`);
    });

    it("an image change updates exactly the Rollout, and the diff names the field", async () => {
        await stack.setConfig("image", { value: "nginx:1.28" });
        const preview = await stack.preview({ diff: true, onOutput: capture });
        assert.deepStrictEqual(preview.changeSummary.update, 1, JSON.stringify(preview.changeSummary));
        assert.match(preview.stdout, /image\s*:\s*"nginx:1\.27"\s*=>\s*"nginx:1\.28"/);
        const res = await stack.up({ onOutput: capture });
        assert.strictEqual(res.summary.resourceChanges?.update, 1, JSON.stringify(res.summary.resourceChanges));
        const rollout = getObject(cluster.current(), "rollouts.argoproj.io", "demo");
        assert.strictEqual(rollout.spec.template.spec.containers[0].image, "nginx:1.28");
    });

    it("destroy removes every object from the API server", async () => {
        const res = await stack.destroy({ onOutput: capture });
        assert.strictEqual(res.summary.result, "succeeded");
        assert.strictEqual(getObject(cluster.current(), "rollouts.argoproj.io", "demo"), undefined);
        for (const svc of ["demo-stable", "demo-canary"]) {
            assert.strictEqual(getObject(cluster.current(), "service", svc), undefined, `${svc} is gone`);
        }
    });
});
