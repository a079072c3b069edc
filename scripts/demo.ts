// `npm run demo`: starts the local cluster (if it is not running) and runs a real
// `pulumi up` of the root Pulumi.yaml stack against it. `npm run demo -- down` destroys
// the stack and stops the cluster.
import { Stack } from "@pulumi/pulumi/automation";
import * as fs from "fs";
import * as path from "path";
import { clusterDir, isRunning, readCluster, repoRoot, startCluster, stopCluster, toolsBin } from "./cluster/cluster";
import { localDir, openStack } from "./pulumi/workspace";

const clusterName = "demo";
const stackName = "demo";
const say = (m: string) => process.stderr.write(`[demo] ${m}\n`);
const out = (s: string) => process.stdout.write(s);

async function stack(kubeconfig: string): Promise<Stack> {
    return openStack({ workDir: repoRoot, stackName, kubeconfig });
}

async function up(): Promise<void> {
    let cluster = readCluster(clusterName);
    const fresh = !cluster || !isRunning(cluster);
    if (fresh) {
        cluster = await startCluster(clusterName);
    } else {
        say(`reusing the running cluster at ${cluster!.server}`);
    }
    const s = await stack(cluster!.kubeconfig);
    if (fresh && (await s.exportStack()).deployment?.resources?.length) {
        // The objects of an earlier run died with its cluster: make the state say so.
        say("new cluster: refreshing the stack state from it");
        await s.refresh({ onOutput: out });
    }
    say("pulumi up (the preview first, then the update) ...");
    const started = Date.now();
    const res = await s.up({ onOutput: out, diff: false });
    say(`pulumi up: ${res.summary.result} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    const outputs = Object.fromEntries(Object.entries(res.outputs).map(([k, v]) => [k, v.value]));
    console.log("\nStack outputs:\n" + JSON.stringify(outputs, null, 2));
    const kubectl = path.relative(process.cwd(), path.join(toolsBin, "kubectl"));
    const kc = path.relative(process.cwd(), cluster!.kubeconfig);
    console.log(`
Look at what was created (kubectl ${fs.existsSync(path.join(toolsBin, "kubectl")) ? "built from the API server's own Kubernetes version" : "missing: run npm run bootstrap"}):
  ${kubectl} --kubeconfig ${kc} get rollouts.argoproj.io,services,analysistemplates.argoproj.io,virtualservices.networking.istio.io,destinationrules.networking.istio.io,ingresses -A
  ${kubectl} --kubeconfig ${kc} get rollout -o yaml
Run the Pulumi CLI yourself:
  source <(npm run -s env)   # PATH, PULUMI_HOME, the file backend, the passphrase
  pulumi stack output && pulumi preview
Tear down (destroy the stack, stop the cluster):
  npm run demo -- down
`);
}

async function down(): Promise<void> {
    const cluster = readCluster(clusterName);
    if (cluster && isRunning(cluster)) {
        const s = await stack(cluster.kubeconfig);
        say("pulumi destroy ...");
        await s.destroy({ onOutput: out });
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
