// `npm run demo`: the product's main job on a local cluster with the real Argo Rollouts
// controller (kwok nodes) and a Prometheus-compatible endpoint this script serves. Real `pulumi
// up`s of the root Pulumi.yaml stack tell the story of three releases:
//   1. v1 is released (a first release goes to 100% at once);
//   2. v2 walks its stages, the up stops at the manual gate, and a promotion written in the
//      program takes it to the end;
//   3. a bad v3 fails its analysis: Argo aborts it, traffic goes back to v2, the up fails with
//      the controller's message, and setting the image back finishes the rollback.
// Each step prints the preview's words about the live release first. `npm run demo -- down`
// destroys the stack and stops the cluster.
import { Stack } from "@pulumi/pulumi/automation";
import * as fs from "fs";
import * as path from "path";
import { Cluster, clusterDir, isRunning, readCluster, startCluster, stopCluster } from "./cluster/cluster";
import { localDir, repoRoot, toolsBin } from "./paths";
import { PrometheusStub, startPrometheusStub } from "./prometheus-stub";
import { openStack } from "./pulumi/workspace";

const clusterName = "demo";
const stackName = "demo";
const say = (m: string) => process.stderr.write(`[demo] ${m}\n`);
/** The metric every analysis query gets: a success rate of 100% (and 1 ms), or 50%. */
const GOOD = 1;
const BAD = 0.5;

// What of `pulumi`'s output tells the story: the component's words about the release, errors,
// the resource counts. The rest (the resource table) is in the stack's logs.
const STORY = [/(Rollout demo: .*)$/, /error: (.*)$/, /^\s+([+~-] \d+ to .*)$/, /^\s+([+~-]?\s*\d+ (created|updated|deleted|changed|unchanged))$/, /^(Duration: .*)$/];

function storyLines(): { write: (s: string) => void; flush: () => void } {
    let pending = "";
    const seen = new Set<string>();
    const emit = (line: string) => {
        // The progress rows and the diagnostics summary repeat the component's words: each once is enough.
        const text = STORY.map((re) => re.exec(line)?.[1]).find((t) => t !== undefined);
        if (text === undefined || seen.has(text)) return;
        seen.add(text);
        process.stdout.write(`    ${text}\n`);
    };
    return {
        write: (s) => {
            pending += s;
            const lines = pending.split("\n");
            pending = lines.pop() ?? "";
            lines.forEach(emit);
        },
        flush: () => { if (pending) emit(pending); pending = ""; },
    };
}

async function withCluster(): Promise<Cluster> {
    const cluster = readCluster(clusterName);
    if (cluster && isRunning(cluster) && cluster.nodes?.length && cluster.argo) {
        say(`reusing the running cluster at ${cluster.server}`);
        return cluster;
    }
    if (cluster) await stopCluster(clusterName);
    say("starting the local cluster: API server, controller manager, scheduler, a kwok node, the Argo Rollouts controller ...");
    return startCluster(clusterName, { nodes: true, argo: true });
}

async function step(stack: Stack, title: string, run: "up" | "up-fails"): Promise<void> {
    const started = Date.now();
    process.stdout.write(`\n== ${title}\n  preview:\n`);
    const preview = storyLines();
    await stack.preview({ onOutput: preview.write, diff: false });
    preview.flush();
    process.stdout.write("  pulumi up:\n");
    const up = storyLines();
    try {
        const res = await stack.up({ onOutput: up.write, diff: false });
        up.flush();
        process.stdout.write(`  => ${res.summary.result}: ${res.outputs.liveSummary?.value} (${((Date.now() - started) / 1000).toFixed(0)}s)\n`);
        if (run === "up-fails") throw new Error("this update was meant to fail, and it succeeded");
    } catch (err) {
        up.flush();
        if (run !== "up-fails") throw err;
        process.stdout.write(`  => the update failed, as it should (${((Date.now() - started) / 1000).toFixed(0)}s)\n`);
    }
}

async function up(): Promise<void> {
    const started = Date.now();
    const cluster = await withCluster();
    const prometheus: PrometheusStub = await startPrometheusStub(GOOD);
    say(`Prometheus-compatible endpoint at ${prometheus.address} (the demo sets what it answers)`);
    try {
        const stack = await openStack({ workDir: repoRoot, stackName, kubeconfig: cluster.kubeconfig, config: { prometheus: prometheus.address } });
        if ((await stack.exportStack()).deployment?.resources?.length) {
            // An earlier run's objects may have died with its cluster, or its release may be half way: start over.
            say("destroying the previous demo release, to tell the story from the start");
            await stack.refresh({ onOutput: () => undefined });
            await stack.destroy({ onOutput: () => undefined });
        }
        await stack.removeConfig("promote").catch(() => undefined);

        await stack.setConfig("image", { value: "nginx:1.27" });
        await step(stack, "1. Release v1 (nginx:1.27): a first release goes to 100% at once", "up");

        await stack.setConfig("image", { value: "nginx:1.28" });
        await step(stack, "2. Release v2 (nginx:1.28): the canary walks 10%, then waits at the manual gate at 30%", "up");

        await stack.setConfig("promote", { value: "nginx:1.28" });
        await step(stack, "3. Promote v2 as code (delivery.control promote for nginx:1.28): 60%, then fully promoted", "up");

        prometheus.set(BAD);
        await stack.removeConfig("promote");
        await stack.setConfig("image", { value: "nginx:1.29" });
        await step(stack, "4. Release a bad v3 (nginx:1.29, success rate 50%): the analysis fails, Argo aborts, the up fails", "up-fails");

        prometheus.set(GOOD);
        await stack.setConfig("image", { value: "nginx:1.28" });
        await step(stack, "5. Set the image back to v2: the rollback is finished, no canary", "up");

        say(`the story took ${((Date.now() - started) / 1000).toFixed(0)}s`);
        const kubectl = path.relative(process.cwd(), path.join(toolsBin, "kubectl"));
        const kc = path.relative(process.cwd(), cluster.kubeconfig);
        console.log(`
Look at what was created (kubectl ${fs.existsSync(path.join(toolsBin, "kubectl")) ? "built from the API server's own Kubernetes version" : "missing: run npm run bootstrap"}):
  ${kubectl} --kubeconfig ${kc} get rollouts.argoproj.io,analysisruns.argoproj.io,services,virtualservices.networking.istio.io -A
  ${kubectl} --kubeconfig ${kc} get rollout demo -o yaml
Run the Pulumi CLI yourself:
  source <(npm run -s env)   # PATH, PULUMI_HOME, the file backend, the passphrase
  pulumi stack output && pulumi preview
Tear down (destroy the stack, stop the cluster):
  npm run demo -- down
`);
    } finally {
        await prometheus.close();
    }
}

async function down(): Promise<void> {
    const cluster = readCluster(clusterName);
    if (cluster && isRunning(cluster)) {
        const s = await openStack({ workDir: repoRoot, stackName, kubeconfig: cluster.kubeconfig });
        say("pulumi destroy ...");
        await s.destroy({ onOutput: (o) => process.stdout.write(o) });
    } else if (fs.existsSync(path.join(localDir, "state"))) {
        say(`cluster "${clusterName}" is not running; nothing to destroy in it`);
    }
    await stopCluster(clusterName);
    say(`cluster "${clusterName}" stopped (${clusterDir(clusterName)} removed)`);
}

(process.argv[2] === "down" ? down() : up()).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
});
