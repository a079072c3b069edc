// A cluster that accepts connections and never answers must not hang a program: the live read
// gives up at its deadline, closes its socket and says why, and the process exits.
import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "../../scripts/paths";
import { REQUEST_TIMEOUT_MS } from "../../provider/src/live/client";
import { CanaryDelivery } from "../../provider/src";
import { openStack } from "../../scripts/pulumi/workspace";

/** A TCP listener on 127.0.0.1 that takes every connection and never sends a byte. */
async function silentServer(): Promise<{ port: number; close: () => Promise<void> }> {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((s) => {
        sockets.add(s);
        s.on("close", () => sockets.delete(s));
        s.on("error", () => undefined);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    return {
        port: (server.address() as net.AddressInfo).port,
        close: () => {
            for (const s of sockets) s.destroy();
            return new Promise((r) => server.close(() => r()));
        },
    };
}

function kubeconfigFor(port: number): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "canary-silent-")), "kubeconfig");
    fs.writeFileSync(file, [
        "apiVersion: v1", "kind: Config", "current-context: silent",
        "clusters:", `- name: silent`, "  cluster:", `    server: https://127.0.0.1:${port}`, "    insecure-skip-tls-verify: true",
        "contexts:", "- name: silent", "  context:", "    cluster: silent", "    user: u",
        "users:", "- name: u", "  user:", "    token: t",
    ].join("\n") + "\n");
    return file;
}

describe("a cluster that never answers", function () {
    this.timeout(240_000);
    let server: Awaited<ReturnType<typeof silentServer>>;
    before(async () => { server = await silentServer(); });
    after(async () => server && await server.close());

    it("the live read ends at its deadline, says why, leaves no socket open, and the process exits", async () => {
        const kubeconfig = kubeconfigFor(server.port);
        const script = [
            `const { readLiveRollout, readNamespaceLabels } = require(${JSON.stringify(path.join(repoRoot, "provider/src/live/read.ts"))});`,
            `const choice = { known: true, via: "test", target: { kubeconfig: ${JSON.stringify(kubeconfig)} } };`,
            `Promise.all([readLiveRollout(choice, undefined, "shop"), readNamespaceLabels(choice, undefined)])`,
            // Sockets still open once both reads gave up (an open one would also keep the process alive).
            `  .then(([r, l]) => console.log(JSON.stringify({ r, l: l ?? null,`,
            `     sockets: process._getActiveHandles().filter((h) => h.constructor && /Socket/.test(h.constructor.name) && h.remotePort).length })));`,
        ].join("\n");
        const started = Date.now();
        const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        let err = "";
        child.stdout.on("data", (d) => { out += d; });
        child.stderr.on("data", (d) => { err += d; });
        const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
        const seconds = (Date.now() - started) / 1000;
        assert.strictEqual(code, 0, err);
        const result = JSON.parse(out.trim().split("\n").pop()!);
        assert.deepStrictEqual(result.r, { found: false, error: `no answer from https://127.0.0.1:${server.port} in ${REQUEST_TIMEOUT_MS / 1000}s` });
        assert.strictEqual(result.l, null);
        assert.strictEqual(result.sockets, 0, "no socket to the silent server is left open");
        // The deadline plus the process's own start (ts-node), not the minutes a kept socket would hold it.
        assert.ok(seconds < REQUEST_TIMEOUT_MS / 1000 + 15, `the process exited after ${seconds.toFixed(1)}s`);
    });

    it("a real pulumi preview against it ends and says why the live status is unknown", async () => {
        const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "canary-silent-state-"));
        try {
            const stack = await openStack({
                program: async () => {
                    new CanaryDelivery("shop", { template: { image: "shop:1" }, steps: [{ weight: 20, pause: "1m" }] });
                },
                stackName: "silent", stateDir, kubeconfig: kubeconfigFor(server.port),
            });
            // Bounded by this test's timeout: before the fix it never ended. The Kubernetes provider's own
            // discovery against the silent server takes about half a minute of it.
            const preview = await stack.preview({});
            assert.match(preview.stdout, new RegExp(`Rollout shop: live status unknown: no answer from https://127\\.0\\.0\\.1:${server.port} in ${REQUEST_TIMEOUT_MS / 1000}s`));
        } finally {
            fs.rmSync(stateDir, { recursive: true, force: true });
        }
    });
});
