// A real Kubernetes control plane on loopback: etcd, kube-apiserver and
// kube-controller-manager built from Go modules (scripts/bootstrap.sh), with the real
// Argo Rollouts and Istio CRDs installed. For the end-to-end tier it can also run
// kube-scheduler and kwok (fake nodes: pods are bound and become Running and Ready without a
// kubelet) and the Argo Rollouts controller, all out of cluster against the same API server.
// Each cluster lives in .local/clusters/<name>/ on free ports, so several can run side
// by side. Used by `npm run cluster`, the demo, the integration and end-to-end tests.
import { ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import * as net from "net";
import * as path from "path";
import { clustersDir, crdsDir, kwokStagesFile, repoRoot, toolsBin } from "../paths";
import { makeCerts } from "./certs";

export interface Cluster {
    name: string;
    dir: string;
    kubeconfig: string;
    server: string;
    pids: number[];
    /** Names of the fake nodes kwok runs, when started with `nodes`. */
    nodes?: string[];
    /** Whether the Argo Rollouts controller runs (started with `argo`). */
    argo?: boolean;
}

export interface StartOptions {
    /** Stop the cluster when this process exits (tests pass their own pid). */
    ownerPid?: number;
    /** Install the Argo Rollouts and Istio CRDs. Defaults to true. */
    crds?: boolean;
    /** Progress messages. Defaults to stderr. */
    log?: (msg: string) => void;
    /**
     * Run kube-scheduler and kwok with this many fake nodes (true = 1), so pods are scheduled and
     * become Running and Ready. Defaults to none: the API server alone, as the integration tier uses it.
     */
    nodes?: boolean | number;
    /**
     * Run the Argo Rollouts controller (cluster-wide, out of cluster). Needs the CRDs. Defaults to false.
     */
    argo?: boolean;
    /** Log level of the Argo Rollouts controller (debug|info|warn|error). Defaults to warn. */
    argoLogLevel?: string;
}

/**
 * How long kube-controller-manager's node lifecycle controller lets a node go without a
 * heartbeat (a renewal of its Lease in kube-node-lease, or a status update) before it marks the
 * node NotReady and its pods Ready=False: the controller's default, written out so tests can wait
 * past it.
 */
export const nodeMonitorGracePeriodSeconds = 50;
/**
 * The duration kwok writes on each fake node's Lease; it renews the Lease every quarter of it,
 * as the kubelet does (its default is 40 s too). Without it kwok keeps no Lease at all.
 */
export const nodeLeaseDurationSeconds = 40;

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
    throw new Error(`the API server at ${server} did not become ready.\n` +
        ["etcd.log", "kube-apiserver.log", "kube-controller-manager.log"].map((f) => tailOf(dir, f)).join("\n"));
}

/** Status code of a plain or TLS (any certificate) GET on loopback; 0 when nothing answers. */
function probe(url: string): Promise<number> {
    return new Promise((resolve) => {
        const get = url.startsWith("https:") ? https.get : http.get;
        const req = get(url, { timeout: 2000, rejectUnauthorized: false }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
        });
        req.on("error", () => resolve(0));
        req.on("timeout", () => { req.destroy(); resolve(0); });
    });
}

function tailOf(dir: string, file: string, lines = 15): string {
    const f = path.join(dir, file);
    return fs.existsSync(f) ? `--- ${file} ---\n${fs.readFileSync(f, "utf8").split("\n").slice(-lines).join("\n")}` : "";
}

/** Polls `check` until it holds; fails with the process's log when it exits or time runs out. */
async function waitFor(what: string, check: () => Promise<boolean> | boolean, proc: ChildProcess, dir: string, logFile: string, ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
        if (await check()) {
            return;
        }
        if (proc.exitCode !== null || (proc.pid !== undefined && !alive(proc.pid))) {
            throw new Error(`${what}: the process exited (code ${proc.exitCode}).\n${tailOf(dir, logFile)}`);
        }
        await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error(`${what}: not ready after ${ms / 1000}s.\n${tailOf(dir, logFile)}`);
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

async function installCrds(c: Cluster): Promise<void> {
    const crds = crdsDir;
    if (!fs.existsSync(path.join(crds, ".versions"))) {
        throw new Error(`${crds} is missing: run \`npm run bootstrap\` first`);
    }
    kubectl(c, ["apply", "--server-side", "--field-manager=canary-delivery-cluster",
        "-f", path.join(crds, "argo-rollouts"), "-f", path.join(crds, "istio"), "-f", path.join(crds, "gateway-api")]);
    await crdsEstablished(c, 120_000);
}

/**
 * Waits until every CRD is Established. Neither `kubectl wait --for=condition=Established crd --all`
 * nor a jsonpath filter on the conditions: both fail at once ("status.conditions accessor error",
 * "<nil> is not array or slice") on a CRD created a moment ago whose status the API server has not
 * written yet.
 */
async function crdsEstablished(c: Cluster, ms: number): Promise<void> {
    const until = Date.now() + ms;
    let pending: string[] = [];
    while (Date.now() < until) {
        const crds = JSON.parse(kubectl(c, ["get", "crd", "-o", "json"])).items as any[];
        pending = crds.filter((crd) => !(crd.status?.conditions ?? []).some((x: any) => x.type === "Established" && x.status === "True"))
            .map((crd) => crd.metadata.name);
        if (pending.length === 0) {
            return;
        }
        await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`CRDs not Established after ${ms / 1000}s: ${pending.join(", ")}`);
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

/** Writes the cluster's state, and the process groups its watchdog must end, as they grow. */
function persist(c: Cluster, managed: number[]): void {
    fs.writeFileSync(stateFile(c.dir), JSON.stringify(c, null, 2));
    fs.writeFileSync(path.join(c.dir, "pids"), managed.map((p) => `${p}\n`).join(""));
}

export async function startCluster(name: string, opts: StartOptions = {}): Promise<Cluster> {
    const say = opts.log ?? ((m: string) => process.stderr.write(`[cluster ${name}] ${m}\n`));
    const existing = readCluster(name);
    if (existing && isRunning(existing) && wants(existing, opts)) {
        say(`already running at ${existing.server}`);
        return existing;
    }
    if (existing) {
        await killGroups(existing.pids);
    }
    const nodeCount = opts.nodes === true ? 1 : typeof opts.nodes === "number" ? opts.nodes : 0;
    if (opts.argo && opts.crds === false) {
        throw new Error("the Argo Rollouts controller needs the CRDs: do not pass crds: false with argo: true");
    }
    // Fail before starting anything when a tool is missing.
    const bins = {
        etcd: tool("etcd"), apiserver: tool("kube-apiserver"), controllers: tool("kube-controller-manager"),
        ...(nodeCount > 0 && { scheduler: tool("kube-scheduler"), kwok: tool("kwok"), stages: kwokStages() }),
        ...(opts.argo && { argo: tool("rollouts-controller") }),
    };
    const dir = clusterDir(name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const started = Date.now();
    const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
    const pki = makeCerts(path.join(dir, "pki"));
    const [etcdPort, peerPort, apiPort] = [await freePort(), await freePort(), await freePort()];
    const server = `https://127.0.0.1:${apiPort}`;
    const kubeconfig = writeKubeconfig(dir, server);
    const cluster: Cluster = { name, dir, server, kubeconfig, pids: [] };
    // Process groups the watchdog and stopCluster end: every process of the cluster is added
    // (and written down) the moment it is launched, so a failure at any point leaves no stray.
    const managed: number[] = [];
    const start = (bin: string, args: string[], logFile: string): ChildProcess => {
        const child = launch(bin, args, path.join(dir, logFile));
        if (child.pid === undefined) {
            throw new Error(`could not start ${bin}`);
        }
        managed.push(child.pid);
        cluster.pids.push(child.pid);
        persist(cluster, managed);
        return child;
    };
    persist(cluster, managed);
    if (opts.ownerPid) {
        // A watchdog outlives a crashed test runner and takes the cluster down with it. It reads
        // the process groups when the owner is gone, so processes started later are covered too.
        const pidsFile = path.join(dir, "pids");
        const kill = (sig: string) => `for p in $(cat '${pidsFile}' 2>/dev/null); do kill -${sig} -- -$p 2>/dev/null; done`;
        const watchdog = launch("bash", ["-c",
            `while kill -0 ${opts.ownerPid} 2>/dev/null; do sleep 1; done; ` +
            `${kill("TERM")}; sleep 5; ${kill("KILL")}; exit 0`],
        path.join(dir, "watchdog.log"));
        cluster.pids.push(watchdog.pid!);
        persist(cluster, managed);
    }
    try {
        const etcdUrl = `http://127.0.0.1:${etcdPort}`;
        const peerUrl = `http://127.0.0.1:${peerPort}`;
        const etcd = start(bins.etcd, [
            "--name", "local", "--data-dir", path.join(dir, "etcd"),
            "--listen-client-urls", etcdUrl, "--advertise-client-urls", etcdUrl,
            "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
            "--initial-cluster", `local=${peerUrl}`,
            // Test data: durability is not worth the fsync latency.
            "--unsafe-no-fsync", "--log-level", "warn",
        ], "etcd.log");
        const apiserver = start(bins.apiserver, [
            "--etcd-servers", etcdUrl,
            "--bind-address", "127.0.0.1", "--advertise-address", "127.0.0.1",
            "--secure-port", String(apiPort),
            "--tls-cert-file", pki.serverCert, "--tls-private-key-file", pki.serverKey,
            "--client-ca-file", pki.caCert,
            "--service-account-issuer", "https://kubernetes.default.svc.cluster.local",
            "--service-account-key-file", pki.saPub, "--service-account-signing-key-file", pki.saKey,
            "--authorization-mode", "RBAC",
            // Room for the Services of the bench's N = 200 (800 at once); a /24 ran out at 254.
            "--service-cluster-ip-range", "10.0.0.0/16",
            "--profiling=false",
        ], "kube-apiserver.log");
        say(`etcd and kube-apiserver v${kubeVersion()} starting on 127.0.0.1:${apiPort} ...`);
        await waitReady(server, dir, 120_000, [etcd, apiserver]);
        say(`API server ready in ${elapsed()}`);
        // The garbage collector and the namespace controller finish deletions (foreground
        // propagation, namespace finalizers) as in any real cluster; without them a
        // `pulumi destroy` waits forever. With nodes, its ReplicaSet, Deployment, endpoint and
        // node lifecycle controllers do what they do in any cluster too. Started once the API
        // server answers: it reads its client CA from the API server on start and exits when the
        // server is not listening yet (a loaded machine's clean-clone run lost a cluster to that).
        const controllersPort = await freePort();
        const controllers = start(bins.controllers, [
            "--kubeconfig", kubeconfig,
            "--authentication-kubeconfig", kubeconfig, "--authorization-kubeconfig", kubeconfig,
            "--bind-address", "127.0.0.1", "--secure-port", String(controllersPort),
            "--leader-elect=false",
            "--service-account-private-key-file", pki.saKey, "--root-ca-file", pki.caCert,
            "--use-service-account-credentials=false",
            "--node-monitor-grace-period", `${nodeMonitorGracePeriodSeconds}s`,
            "--profiling=false",
        ], "kube-controller-manager.log");
        await waitFor("kube-controller-manager", async () => await probe(`https://127.0.0.1:${controllersPort}/healthz`) === 200,
            controllers, dir, "kube-controller-manager.log", 120_000);
        say(`kube-controller-manager healthy (${elapsed()})`);
        if (opts.crds !== false) {
            await installCrds(cluster);
            say(`Argo Rollouts, Istio and Gateway API CRDs established (${elapsed()})`);
        }
        if (nodeCount > 0) {
            cluster.nodes = await startNodes(cluster, start, bins.scheduler!, bins.kwok!, bins.stages!, nodeCount);
            persist(cluster, managed);
            say(`kube-scheduler and kwok up, ${nodeCount} fake node(s) Ready (${elapsed()})`);
        }
        if (opts.argo) {
            await startArgo(cluster, start, bins.argo!, opts.argoLogLevel ?? "warn");
            cluster.argo = true;
            persist(cluster, managed);
            say(`Argo Rollouts controller v${versionOf("ARGO_ROLLOUTS_VERSION")} healthy (${elapsed()})`);
        }
    } catch (e) {
        await stopCluster(name, { keepDir: true });
        throw e;
    }
    return cluster;
}

/** Whether a running cluster has what `opts` asks for (else it is restarted). */
function wants(c: Cluster, opts: StartOptions): boolean {
    const nodes = opts.nodes === true ? 1 : typeof opts.nodes === "number" ? opts.nodes : 0;
    return (c.nodes?.length ?? 0) >= nodes && (!opts.argo || c.argo === true);
}

function kwokStages(): string {
    const stages = kwokStagesFile;
    if (!fs.existsSync(stages)) {
        throw new Error(`${stages} is missing: run \`npm run bootstrap\` first`);
    }
    return stages;
}

type Start = (bin: string, args: string[], logFile: string) => ChildProcess;

/** kube-scheduler, kwok and `count` fake nodes; returns once every node is Ready. */
async function startNodes(c: Cluster, start: Start, scheduler: string, kwok: string, stages: string, count: number): Promise<string[]> {
    const schedulerPort = await freePort();
    const sched = start(scheduler, [
        "--kubeconfig", c.kubeconfig,
        "--authentication-kubeconfig", c.kubeconfig, "--authorization-kubeconfig", c.kubeconfig,
        "--bind-address", "127.0.0.1", "--secure-port", String(schedulerPort),
        "--leader-elect=false", "--profiling=false",
    ], "kube-scheduler.log");
    // kwok plays the Stage documents (copied from its module by scripts/kwok-stages.sh): nodes
    // initialise, bound pods become Running and Ready, deleted pods go. The node heartbeat is the
    // Lease kwok renews (the heartbeat-with-lease stage refreshes the node status only every 10 to
    // 20 minutes, counting on it). kwok keeps node Leases only when given their duration: its own
    // default is 0, no Lease, and the node went NotReady after every grace period.
    const kw = start(kwok, [
        "--kubeconfig", c.kubeconfig, "--config", stages,
        "--manage-all-nodes=false", "--manage-nodes-with-label-selector=type=kwok",
        "--node-lease-duration-seconds", String(nodeLeaseDurationSeconds),
        "--cidr", "10.244.0.1/16", "--node-ip", "127.0.0.1",
    ], "kwok.log");
    const names = Array.from({ length: count }, (_, i) => `kwok-node-${i}`);
    kubectl(c, ["apply", "--server-side", "--field-manager=canary-delivery-cluster", "-f", "-"], names.map((n) => JSON.stringify({
        apiVersion: "v1",
        kind: "Node",
        metadata: {
            name: n,
            labels: { type: "kwok", "kubernetes.io/hostname": n, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64" },
            annotations: { "kwok.x-k8s.io/node": "fake", "node.alpha.kubernetes.io/ttl": "0" },
        },
    })).join("\n"));
    await waitFor("kube-scheduler", async () => await probe(`https://127.0.0.1:${schedulerPort}/healthz`) === 200,
        sched, c.dir, "kube-scheduler.log", 60_000);
    const ready = () => {
        const nodes = JSON.parse(kubectl(c, ["get", "nodes", "-l", "type=kwok", "-o", "json"])).items as any[];
        return names.every((n) => nodes.some((node) => node.metadata.name === n
            && (node.status?.conditions ?? []).some((x: any) => x.type === "Ready" && x.status === "True")
            && !(node.spec?.taints ?? []).some((t: any) => t.effect === "NoSchedule" || t.effect === "NoExecute")));
    };
    await waitFor(`kwok nodes ${names.join(", ")}`, ready, kw, c.dir, "kwok.log", 60_000);
    return names;
}

/** The Argo Rollouts controller, cluster-wide; returns once its healthz answers. */
async function startArgo(c: Cluster, start: Start, bin: string, logLevel: string): Promise<void> {
    const [metricsPort, healthzPort] = [await freePort(), await freePort()];
    const argo = start(bin, [
        "--kubeconfig", c.kubeconfig, "--leader-elect=false",
        // It binds these on all interfaces (no flag for an address): free ports keep clusters apart.
        "--metricsPort", String(metricsPort), "--healthzPort", String(healthzPort),
        "--loglevel", logLevel, "--logformat", "text",
    ], "rollouts-controller.log");
    await waitFor("Argo Rollouts controller", async () => await probe(`http://127.0.0.1:${healthzPort}/healthz`) === 200,
        argo, c.dir, "rollouts-controller.log", 60_000);
}

function versionOf(key: string): string {
    const env = fs.readFileSync(path.join(repoRoot, "scripts", "versions.env"), "utf8");
    return new RegExp(`^${key}=(\\S+)`, "m").exec(env)?.[1] ?? "?";
}

const kubeVersion = () => versionOf("KUBERNETES_VERSION");

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
