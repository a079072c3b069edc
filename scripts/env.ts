// `source <(npm run -s env)`: the environment to run the Pulumi CLI and kubectl by hand
// against the demo stack and cluster, exactly as `npm run demo` does.
import * as path from "path";
import { readCluster } from "./cluster/cluster";
import { localDir } from "./paths";
import { pulumiEnv } from "./pulumi/workspace";

const env = pulumiEnv(path.join(localDir, "state"));
const cluster = readCluster(process.argv[2] ?? "demo");
if (cluster) {
    env.KUBECONFIG = cluster.kubeconfig;
}
for (const [k, v] of Object.entries(env)) {
    console.log(`export ${k}=${JSON.stringify(v)}`);
}
