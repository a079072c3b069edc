// A real Kubernetes control plane on loopback: etcd, kube-apiserver and
// kube-controller-manager built from Go modules (scripts/bootstrap.sh), with the real
// Argo Rollouts and Istio CRDs installed.
// Each cluster lives in .local/clusters/<name>/ on free ports, so several can run side
// by side. Used by `npm run cluster`, the demo and the integration tests.
import { ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as https from "https";
import * as net from "net";
import * as path from "path";
import { makeCerts } from "./certs";

export const repoRoot = path.resolve(__dirname, "..", "..");
export const toolsBin = path.join(repoRoot, ".local", "bin");
const clustersDir = path.join(repoRoot, ".local", "clusters");

export interface Cluster {
    name: string;
    dir: string;
    kubeconfig: string;
    server: string;
    pids: number[];
}

export interface StartOptions {
    /** Stop the cluster when this process exits (tests pass their own pid). */
    ownerPid?: number;
    /** Install the Argo Rollouts and Istio CRDs. Defaults to true. */
    crds?: boolean;
    /** Progress messages. Defaults to stderr. */
    log?: (msg: string) => void;
}

const stateFile = (dir: string) => path.join(dir, "cluster.json");
export const clusterDir = (name: string) => path.join(clustersDir, name);

function tool(name: string): string {
    const p = path.join(toolsBin, name);
    if (!fs.existsSync(p)) {
        throw new Error(`${p} is missing: run \`npm run bootstrap\` first`);
    }
    return p;
}

async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const srv = net.createServer();
        srv.once("error", reject);
        srv.listen(0, "127.0.0.1", () => {
            const port = (srv.address() as net.AddressInfo).port;
            srv.close(() => resolve(port));
        });
    });
}

function launch(bin: string, args: string[], logFile: string): ChildProcess {
    const out = fs.openSync(logFile, "a");
    // Own process group, so stop can take down anything the process started.
    const child = spawn(bin, args, { detached: true, stdio: ["ignore", out, out] });
    fs.closeSync(out);
    child.unref();
    return child;
}

function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

export function readCluster(name: string): Cluster | undefined {
    const f = stateFile(clusterDir(name));
    return fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, "utf8")) : undefined;
}

export function isRunning(c: Cluster): boolean {
    return c.pids.length > 0 && c.pids.every(alive);
}

function get(url: string, certs: { ca: Buffer; cert: Buffer; key: Buffer }): Promise<number> {
    return new Promise((resolve) => {
        const req = https.get(url, { ...certs, timeout: 2000 }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
        });
        req.on("error", () => resolve(0));
        req.on("timeout", () => { req.destroy(); resolve(0); });
    });
}

async function waitReady(server: string, dir: string, deadlineMs: number, procs: ChildProcess[]): Promise<void> {
    const certs = {
        ca: fs.readFileSync(path.join(dir, "pki", "ca.crt")),
        cert: fs.readFileSync(path.join(dir, "pki", "admin.crt")),
        key: fs.readFileSync(path.join(dir, "pki", "admin.key")),
    };
    const until = Date.now() + deadlineMs;
    while (Date.now() < until) {
        if (await get(`${server}/readyz`, certs) === 200) {
            return;
        }
        const dead = procs.find((p) => p.exitCode !== null || (p.pid !== undefined && !alive(p.pid)));
        if (dead) {
            break;
        }
        await new Promise((r) => setTimeout(r, 500));
    }
    const tail = (f: string) => fs.existsSync(path.join(dir, f))
        ? `--- ${f} ---\n${fs.readFileSync(path.join(dir, f), "utf8").split("\n").slice(-15).join("\n")}` : "";
    throw new Error(`the API server at ${server} did not become ready.\n` +
        ["etcd.log", "kube-apiserver.log", "kube-controller-manager.log"].map(tail).join("\n"));
}

function writeKubeconfig(dir: string, server: string): string {
    const pki = path.join(dir, "pki");
    const kubeconfig = path.join(dir, "kubeconfig");
    fs.writeFileSync(kubeconfig, [
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- name: local",
        "  cluster:",
        `    server: ${server}`,
        `    certificate-authority: ${path.join(pki, "ca.crt")}`,
        "users:",
        "- name: admin",
        "  user:",
        `    client-certificate: ${path.join(pki, "admin.crt")}`,
        `    client-key: ${path.join(pki, "admin.key")}`,
        "contexts:",
        "- name: local",
        "  context: {cluster: local, user: admin, namespace: default}",
        "current-context: local",
        "",
    ].join("\n"));
    return kubeconfig;
}

/** Runs kubectl against a cluster; returns stdout. */
export function kubectl(c: Pick<Cluster, "kubeconfig">, args: string[], input?: string): string {
    return execFileSync(tool("kubectl"), ["--kubeconfig", c.kubeconfig, ...args], {
        input, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"], maxBuffer: 64 << 20,
    });
}

function installCrds(c: Cluster): void {
    const crds = path.join(repoRoot, ".local", "crds");
    if (!fs.existsSync(path.join(crds, ".versions"))) {
        throw new Error(`${crds} is missing: run \`npm run bootstrap\` first`);
    }
    kubectl(c, ["apply", "--server-side", "--field-manager=canary-delivery-cluster",
        "-f", path.join(crds, "argo-rollouts"), "-f", path.join(crds, "istio")]);
    kubectl(c, ["wait", "--for=condition=Established", "crd", "--all", "--timeout=120s"]);
}

/** Ends the process groups of a cluster: TERM, then KILL after a short grace period. */
async function killGroups(pids: number[]): Promise<void> {
    const signal = (sig: NodeJS.Signals) => pids.forEach((pid) => {
        try { process.kill(-pid, sig); } catch { /* already gone */ }
    });
    signal("SIGTERM");
    // The data is thrown away with the directory, so a graceful shutdown buys nothing.
    const until = Date.now() + 2_000;
    while (Date.now() < until && pids.some(alive)) {
        await new Promise((r) => setTimeout(r, 200));
    }
    signal("SIGKILL");
}

export async function startCluster(name: string, opts: StartOptions = {}): Promise<Cluster> {
    const say = opts.log ?? ((m: string) => process.stderr.write(`[cluster ${name}] ${m}\n`));
    const existing = readCluster(name);
    if (existing && isRunning(existing)) {
        say(`already running at ${existing.server}`);
        return existing;
    }
    if (existing) {
        await killGroups(existing.pids);
    }
    const dir = clusterDir(name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const started = Date.now();
    const pki = makeCerts(path.join(dir, "pki"));
    const [etcdPort, peerPort, apiPort] = [await freePort(), await freePort(), await freePort()];
    const etcdUrl = `http://127.0.0.1:${etcdPort}`;
    const peerUrl = `http://127.0.0.1:${peerPort}`;
    const etcd = launch(tool("etcd"), [
        "--name", "local", "--data-dir", path.join(dir, "etcd"),
        "--listen-client-urls", etcdUrl, "--advertise-client-urls", etcdUrl,
        "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
        "--initial-cluster", `local=${peerUrl}`,
        // Test data: durability is not worth the fsync latency.
        "--unsafe-no-fsync", "--log-level", "warn",
    ], path.join(dir, "etcd.log"));
    const server = `https://127.0.0.1:${apiPort}`;
    const apiserver = launch(tool("kube-apiserver"), [
        "--etcd-servers", etcdUrl,
        "--bind-address", "127.0.0.1", "--advertise-address", "127.0.0.1",
        "--secure-port", String(apiPort),
        "--tls-cert-file", pki.serverCert, "--tls-private-key-file", pki.serverKey,
        "--client-ca-file", pki.caCert,
        "--service-account-issuer", "https://kubernetes.default.svc.cluster.local",
        "--service-account-key-file", pki.saPub, "--service-account-signing-key-file", pki.saKey,
        "--authorization-mode", "RBAC",
        "--service-cluster-ip-range", "10.0.0.0/24",
        "--profiling=false",
    ], path.join(dir, "kube-apiserver.log"));
    const kubeconfig = writeKubeconfig(dir, server);
    // The garbage collector and the namespace controller finish deletions (foreground
    // propagation, namespace finalizers) as in any real cluster; without them a
    // `pulumi destroy` waits forever.
    const controllers = launch(tool("kube-controller-manager"), [
        "--kubeconfig", kubeconfig,
        "--authentication-kubeconfig", kubeconfig, "--authorization-kubeconfig", kubeconfig,
        "--bind-address", "127.0.0.1", "--secure-port", String(await freePort()),
        "--leader-elect=false",
        "--service-account-private-key-file", pki.saKey, "--root-ca-file", pki.caCert,
        "--use-service-account-credentials=false",
        "--profiling=false",
    ], path.join(dir, "kube-controller-manager.log"));
    const cluster: Cluster = {
        name, dir, server, kubeconfig,
        pids: [etcd.pid!, apiserver.pid!, controllers.pid!],
    };
    if (opts.ownerPid) {
        // A watchdog outlives a crashed test runner and takes the cluster down with it.
        const groups = cluster.pids.map((p) => `-${p}`).join(" ");
        const watchdog = launch("bash", ["-c",
            `while kill -0 ${opts.ownerPid} 2>/dev/null; do sleep 1; done; ` +
            `kill -TERM -- ${groups} 2>/dev/null; sleep 5; kill -KILL -- ${groups} 2>/dev/null; exit 0`],
        path.join(dir, "watchdog.log"));
        cluster.pids.push(watchdog.pid!);
    }
    fs.writeFileSync(stateFile(dir), JSON.stringify(cluster, null, 2));
    try {
        say(`etcd, kube-apiserver and kube-controller-manager v${kubeVersion()} starting on 127.0.0.1:${apiPort} ...`);
        await waitReady(server, dir, 120_000, [etcd, apiserver, controllers]);
        say(`API server ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
        if (opts.crds !== false) {
            installCrds(cluster);
            say(`Argo Rollouts and Istio CRDs established (${((Date.now() - started) / 1000).toFixed(1)}s)`);
        }
    } catch (e) {
        await stopCluster(name, { keepDir: true });
        throw e;
    }
    return cluster;
}

function kubeVersion(): string {
    const env = fs.readFileSync(path.join(repoRoot, "scripts", "versions.env"), "utf8");
    return /^KUBERNETES_VERSION=(\S+)/m.exec(env)?.[1] ?? "?";
}

export async function stopCluster(name: string, opts: { keepDir?: boolean } = {}): Promise<boolean> {
    const c = readCluster(name);
    if (!c) {
        return false;
    }
    await killGroups(c.pids);
    if (!opts.keepDir) {
        fs.rmSync(c.dir, { recursive: true, force: true });
    }
    return true;
}
