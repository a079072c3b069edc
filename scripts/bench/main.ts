// `npm run bench`: what the component costs against what a user would write instead, the same
// objects as raw @pulumi/kubernetes resources in one program (scripts/bench/program). Both run
// through the real CLI, the same file backend and one local API server this script starts, A B
// A B: each operation runs on the baseline, then on the candidate, pair after pair.
//
//   npm run bench                 short mode: N = 1 and 10, 2 pairs (a few minutes)
//   npm run bench -- --full       N = 1, 10, 50 and 200, 3 pairs
//   npm run bench -- --sizes 1,50 --pairs 5
//
// Prints a Markdown table (medians, pair-by-pair ratios, ranges, seconds per added release,
// load average), the policy pack's overhead on a no-op preview, a TypeScript program's type check
// against transpile-only, the time to reject invalid arguments with a dead cluster (and how many
// connections that made), and the programs' peak RSS.
import { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { kubectl, startCluster, stopCluster } from "../cluster/cluster";
import { repoRoot } from "../paths";
import { openStack, workspaceOptions } from "../pulumi/workspace";
import { median, Row, summarize, table } from "./stats";

const argv = process.argv.slice(2);
const flag = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
};
const FULL = argv.includes("--full");
const SIZES = (flag("--sizes") ?? (FULL ? "1,10,50,200" : "1,10")).split(",").map(Number);
const PAIRS = Number(flag("--pairs") ?? (FULL ? 3 : 2));
const PROGRAM = path.join(repoRoot, "scripts", "bench", "program");
// The same program as a user's TypeScript program, for the type-checked against transpile-only row.
const PROGRAM_TS = path.join(repoRoot, "scripts", "bench", "program-ts");
const POLICY_PACK = path.join(repoRoot, "policy");
const SIDES = ["baseline", "candidate"] as const;
type Side = (typeof SIDES)[number];

const log = (msg: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

async function timed(what: string, f: () => Promise<unknown>): Promise<number> {
    const start = performance.now();
    await f();
    const s = (performance.now() - start) / 1000;
    log(`  ${what}: ${s.toFixed(2)}s`);
    return s;
}

/** A TCP server that accepts connections and never answers: a cluster that is down but listening. */
async function deadCluster(): Promise<{ port: number; connections: () => number; close: () => void }> {
    let connections = 0;
    const sockets = new Set<net.Socket>();
    const server = net.createServer((s) => { connections++; sockets.add(s); s.on("error", () => undefined); });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    return {
        port: (server.address() as net.AddressInfo).port,
        connections: () => connections,
        close: () => { for (const s of sockets) s.destroy(); server.close(); },
    };
}

function deadKubeconfig(port: number, dir: string): string {
    const file = path.join(dir, "dead-kubeconfig.yaml");
    fs.writeFileSync(file, [
        "apiVersion: v1", "kind: Config", "current-context: dead",
        "clusters: [{name: dead, cluster: {server: 'https://127.0.0.1:" + port + "', insecure-skip-tls-verify: true}}]",
        "users: [{name: dead, user: {token: not-a-token}}]",
        "contexts: [{name: dead, context: {cluster: dead, user: dead, namespace: default}}]", "",
    ].join("\n"));
    return file;
}

/** Stack settings files a run leaves in the program's folder (ignored by git). */
function removeStackFiles(): void {
    for (const dir of [PROGRAM, PROGRAM_TS]) {
        for (const f of fs.readdirSync(dir)) {
            if (/^Pulumi\..+\.yaml$/.test(f)) fs.rmSync(path.join(dir, f));
        }
    }
}

async function main(): Promise<void> {
    removeStackFiles();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "canary-bench-"));
    const rssFile = (side: Side) => path.join(work, `rss-${side}`);
    const name = `bench-${process.pid}`;
    log(`sizes ${SIZES.join(", ")}, ${PAIRS} pairs each; ${os.cpus().length} cores; starting a local API server ...`);
    const cluster = await startCluster(name, { ownerPid: process.pid, log: (m) => log(m) });
    const rows: Row[] = [];
    const extras: string[] = [];
    try {
        for (const side of SIDES) {
            kubectl(cluster, ["apply", "-f", "-"], JSON.stringify({
                apiVersion: "v1", kind: "Namespace", metadata: { name: `bench-${side}`, labels: { "istio-injection": "enabled" } },
            }));
        }
        const stacks = new Map<string, Stack>();
        const stackOf = async (side: Side, n: number) => {
            const key = `${side}-n${n}`;
            if (!stacks.has(key)) {
                stacks.set(key, await openStack({
                    workDir: PROGRAM, stackName: key, stateDir: path.join(work, "state"), kubeconfig: cluster.kubeconfig,
                    config: { side, n: String(n), namespace: `bench-${side}`, tag: "1" },
                }));
            }
            return stacks.get(key)!;
        };
        const OPS: [string, (s: Stack) => Promise<unknown>, ((s: Stack) => Promise<unknown>)?][] = [
            ["preview (nothing deployed)", (s) => s.preview()],
            ["up (create)", (s) => s.up()],
            ["no-op preview", (s) => s.preview()],
            ["no-op up", (s) => s.up()],
            ["up (every image changes)", (s) => s.up(), (s) => s.setConfig("tag", { value: "2" })],
            ["destroy", (s) => s.destroy(), (s) => s.setConfig("tag", { value: "1" })],
        ];
        /** The deployed candidate stack, run from the TypeScript program (its settings, secrets salt included, copied). */
        const typescriptStackOf = async (n: number) => {
            const file = `Pulumi.candidate-n${n}.yaml`;
            fs.copyFileSync(path.join(PROGRAM, file), path.join(PROGRAM_TS, file));
            return LocalWorkspace.selectStack({ workDir: PROGRAM_TS, stackName: `candidate-n${n}` }, await workspaceOptions(path.join(work, "state")));
        };
        const rss: Record<Side, number[]> = { baseline: [], candidate: [] };
        const policy: Row[] = [];
        const typescript: Row[] = [];
        for (const n of SIZES) {
            const byOp = OPS.map(([op]) => ({ op, n, baseline: [] as number[], candidate: [] as number[], load: 0 }));
            const pack: Row = { op: "no-op preview: plain (baseline) vs with the policy pack (candidate)", n, baseline: [], candidate: [], load: 0 };
            const ts: Row = { op: "no-op preview of a TypeScript program: type-checked (baseline) vs transpile-only (candidate)", n, baseline: [], candidate: [], load: 0 };
            for (let pair = 1; pair <= PAIRS; pair++) {
                log(`N = ${n}, pair ${pair} of ${PAIRS}`);
                for (const [i, [op, run, prepare]] of OPS.entries()) {
                    for (const side of SIDES) {
                        const stack = await stackOf(side, n);
                        if (prepare) await prepare(stack);
                        if (op === "up (create)") {
                            fs.rmSync(rssFile(side), { force: true });
                            process.env.BENCH_RSS_FILE = rssFile(side);
                        }
                        byOp[i][side].push(await timed(`${op} ${side}`, () => run(stack)));
                        if (op === "up (create)") {
                            delete process.env.BENCH_RSS_FILE;
                            const kib = fs.readFileSync(rssFile(side), "utf8").trim().split("\n").map(Number);
                            rss[side].push(Math.max(...kib) / 1024);
                        }
                    }
                    byOp[i].load = os.loadavg()[0];
                    if (op === "no-op up") {
                        // The pack's overhead, on the deployed candidate: plain, then with the pack.
                        const stack = await stackOf("candidate", n);
                        pack.baseline.push(await timed("no-op preview (plain)", () => stack.preview()));
                        pack.candidate.push(await timed("no-op preview (policy pack)", () => stack.preview({ policyPacks: [POLICY_PACK] })));
                        pack.load = os.loadavg()[0];
                        // The same stack from a TypeScript program: ts-node type-checks it unless told not to.
                        const tsStack = await typescriptStackOf(n);
                        ts.baseline.push(await timed("no-op preview (TypeScript, type-checked)", () => tsStack.preview()));
                        process.env.PULUMI_NODEJS_TRANSPILE_ONLY = "true";
                        try {
                            ts.candidate.push(await timed("no-op preview (TypeScript, transpile-only)", () => tsStack.preview()));
                        } finally {
                            delete process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
                        }
                        ts.load = os.loadavg()[0];
                    }
                }
            }
            rows.push(...byOp);
            policy.push(pack);
            typescript.push(ts);
        }
        // Invalid arguments with a cluster that listens and never answers: the error must come from
        // the parser, before anything connects.
        const dead = await deadCluster();
        const deadStack = await openStack({
            workDir: PROGRAM, stackName: "dead-cluster", stateDir: path.join(work, "state"), kubeconfig: deadKubeconfig(dead.port, work),
            config: { side: "candidate", n: String(Math.max(...SIZES)), namespace: "bench-candidate", invalid: "true" },
        });
        const rejections: number[] = [];
        for (let i = 0; i < PAIRS; i++) {
            rejections.push(await timed("preview with invalid args, dead cluster", async () => {
                try {
                    await deadStack.preview();
                } catch {
                    return;
                }
                throw new Error("the preview of invalid arguments succeeded");
            }));
        }
        dead.close();
        extras.push(`- Reject invalid arguments (N = ${Math.max(...SIZES)}, a cluster that listens and never answers): median ${median(rejections).toFixed(2)}s over ${rejections.length} previews, ${dead.connections()} connection attempts.`);
        extras.push(`- Peak RSS of the program during up (create), largest of each run's processes, median over all sizes and pairs: baseline ${median(rss.baseline).toFixed(0)} MiB, candidate ${median(rss.candidate).toFixed(0)} MiB (max ${Math.max(...rss.baseline).toFixed(0)} / ${Math.max(...rss.candidate).toFixed(0)} MiB).`);
        const date = new Date().toISOString().slice(0, 10);
        process.stdout.write([
            "",
            `Benchmark, ${date}, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB; ${PAIRS} pairs per row, A B interleaved.`,
            "Baseline: the same objects as raw @pulumi/kubernetes resources. Candidate: CanaryDelivery components.",
            "",
            table(summarize(rows)),
            "",
            "Policy pack overhead (the candidate stack, deployed):",
            "",
            table(summarize(policy)),
            "",
            "A TypeScript program (the same stack, run from scripts/bench/program-ts), type-checked against PULUMI_NODEJS_TRANSPILE_ONLY=true:",
            "",
            table(summarize(typescript)),
            "",
            ...extras,
            "",
        ].join("\n"));
    } finally {
        await stopCluster(name);
        removeStackFiles();
        fs.rmSync(work, { recursive: true, force: true });
    }
}

main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exit(1);
});
