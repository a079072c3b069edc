// `npm run cluster -- start|stop|status|env [name] [--e2e]`: the local control plane by hand.
// `--e2e` also runs kube-scheduler, kwok (one fake node) and the Argo Rollouts controller.
import { toolsBin } from "../paths";
import { isRunning, readCluster, startCluster, stopCluster } from "./cluster";

async function main(argv: string[]): Promise<number> {
    const e2e = argv.includes("--e2e");
    const [command, name = "demo"] = argv.filter((a) => a !== "--e2e");
    switch (command) {
        case "start": {
            const c = await startCluster(name, e2e ? { nodes: true, argo: true } : {});
            console.log(`cluster "${name}" is up at ${c.server}`);
            console.log(`  export KUBECONFIG=${c.kubeconfig}`);
            console.log(`  ${toolsBin}/kubectl get crd`);
            if (e2e) {
                console.log(`  ${toolsBin}/kubectl get nodes   # kwok's fake nodes; the Argo Rollouts controller logs to ${c.dir}/rollouts-controller.log`);
            }
            return 0;
        }
        case "stop":
            console.log(await stopCluster(name) ? `cluster "${name}" stopped` : `no cluster "${name}"`);
            return 0;
        case "status": {
            const c = readCluster(name);
            const up = c !== undefined && isRunning(c);
            console.log(c ? `cluster "${name}": ${up ? "running" : "stopped"} at ${c.server}, kubeconfig ${c.kubeconfig}`
                : `no cluster "${name}"`);
            return up ? 0 : 1;
        }
        case "env": {
            const c = readCluster(name);
            if (!c) {
                return 1;
            }
            console.log(`export KUBECONFIG=${c.kubeconfig}`);
            return 0;
        }
        default:
            console.error("usage: npm run cluster -- start|stop|status|env [name] [--e2e]   (name defaults to demo; --e2e adds nodes and the Argo controller)");
            return 2;
    }
}

main(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
});
