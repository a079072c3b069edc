// The provider as the Pulumi CLI runs it as a plugin, for gen-sdk, get-schema, `packages:` and
// `pulumi package add`. Pointed at a plugin directory, the CLI first has its language host install
// the plugin's dependencies: for provider/, a member of this repo's npm workspace, that is
// `npm install` at the repo root, which would rewrite the node_modules every other suite and
// session shares. So the CLI gets a staged copy instead: a minimal workspace of the same shape
// (a root with the TypeScript the provider gets from the real root, and provider/ with the files a
// plugin needs), installed from the npm registry (cache) into a temp directory of its own.
import { execFileSync, ExecFileSyncOptions, spawn } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cacheDir, providerDir, repoRoot } from "./paths";
import { pulumiEnv } from "./pulumi/workspace";


/**
 * What a plugin directory needs: the manifest, package.json (name, version and description become
 * the schema's), the TypeScript sources (the schema is inferred from them, through tsconfig.json)
 * and the compiled JavaScript the host loads (package.json's main).
 */
const PLUGIN_FILES = ["PulumiPlugin.yaml", "package.json", "tsconfig.json", "src", "bin"];

/**
 * Root devDependencies the provider resolves from the workspace root at run time:
 * @pulumi/pulumi's plugin host and schema analyzer use `typescript` and `ts-node` when they can
 * find them, and otherwise fall back to vendored TypeScript 3.8.3, which rejects a consuming
 * project's tsconfig (e.g. "target": "ES2022").
 */
const FROM_ROOT = ["typescript", "ts-node"];

export interface StagedProvider {
    /** The plugin directory to hand the CLI (`<stage>/provider`). */
    dir: string;
    remove(): void;
}

let shared: StagedProvider | undefined;

/**
 * One staged copy per process (mocha runs every spec in one process), removed when it exits.
 * Builds provider/bin first so the copy runs what the sources say.
 */
export function sharedStagedProvider(log: (m: string) => void = () => undefined): StagedProvider {
    if (!shared) {
        shared = stageProvider(log);
        const staged = shared;
        process.once("exit", () => staged.remove());
    }
    return shared;
}

export function stageProvider(log: (m: string) => void = () => undefined): StagedProvider {
    const started = Date.now();
    execFileSync(path.join(repoRoot, "node_modules", ".bin", "tsc"), ["-b", "provider"], { cwd: repoRoot, stdio: "pipe" });
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "canary-plugin-"));
    const dir = path.join(root, "provider");
    fs.mkdirSync(dir);
    for (const f of PLUGIN_FILES) {
        fs.cpSync(path.join(providerDir, f), path.join(dir, f), { recursive: true });
    }
    fs.copyFileSync(path.join(repoRoot, "tsconfig.json"), path.join(root, "tsconfig.json"));
    fs.writeFileSync(path.join(root, "package.json"), stagedRootPackageJson());
    const deps = installedDependencies(root, log);
    // Hard links: a copy of the cached install in a second, where the CLI's own `npm install`
    // finds everything up to date (npm replaces files rather than writing into them). A plain
    // copy when the temp directory is on another file system.
    try {
        execFileSync("cp", ["-al", path.join(deps, "node_modules"), path.join(root, "node_modules")], { stdio: "pipe" });
    } catch {
        fs.rmSync(path.join(root, "node_modules"), { recursive: true, force: true });
        execFileSync("cp", ["-a", path.join(deps, "node_modules"), path.join(root, "node_modules")], { stdio: "pipe" });
    }
    fs.copyFileSync(path.join(deps, "package-lock.json"), path.join(root, "package-lock.json"));
    log(`staged the provider plugin at ${dir} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    return { dir, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

function stagedRootPackageJson(): string {
    const rootPkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
    return JSON.stringify({
        name: "canary-delivery-staged",
        private: true,
        workspaces: ["provider"],
        devDependencies: Object.fromEntries(FROM_ROOT.map((d) => [d, rootPkg.devDependencies[d]])),
    }, null, 2) + "\n";
}

/**
 * The staged workspace's node_modules, installed once per content of the two package.json files
 * (and node version) under the cache directory; built in a temp directory and renamed into place,
 * so concurrent runs never see half an install.
 */
function installedDependencies(stageRoot: string, log: (m: string) => void): string {
    const manifests = [path.join(stageRoot, "package.json"), path.join(stageRoot, "provider", "package.json")];
    const hash = crypto.createHash("sha256").update(process.version);
    for (const m of manifests) hash.update(fs.readFileSync(m));
    const dest = path.join(cacheDir, `provider-plugin-deps-${hash.digest("hex").slice(0, 12)}`);
    if (fs.existsSync(path.join(dest, "node_modules"))) return dest;
    const started = Date.now();
    fs.mkdirSync(cacheDir, { recursive: true });
    const tmp = fs.mkdtempSync(`${dest}.tmp-`);
    try {
        fs.copyFileSync(manifests[0], path.join(tmp, "package.json"));
        fs.mkdirSync(path.join(tmp, "provider"));
        fs.copyFileSync(manifests[1], path.join(tmp, "provider", "package.json"));
        execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: tmp, stdio: "pipe" });
        try {
            fs.renameSync(tmp, dest);
        } catch (e: any) {
            if (!fs.existsSync(path.join(dest, "node_modules"))) throw e; // else another run won the race
        }
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
    log(`installed the provider's npm dependencies into ${dest} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    return dest;
}

/** Environment for the real CLI: our binaries, Pulumi home, a file backend, no network. */
export function cliEnv(stateDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
        ...process.env,
        ...pulumiEnv(stateDir),
        // The Go mirror's checksum database lacks some pulumi modules.
        GOFLAGS: "-mod=mod",
        GONOSUMDB: "github.com/pulumi",
        ...extra,
    };
}

/** Runs the real `pulumi` CLI; returns stdout, throws with stdout and stderr on failure. */
export function pulumi(args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): string {
    return run("pulumi", args, { cwd: opts.cwd, env: opts.env, timeout: opts.timeoutMs ?? 600_000 });
}

export function run(cmd: string, args: string[], opts: ExecFileSyncOptions): string {
    try {
        return execFileSync(cmd, args, { encoding: "utf8", maxBuffer: 64 << 20, stdio: "pipe", ...opts }) as string;
    } catch (e: any) {
        throw new Error(`${cmd} ${args.join(" ")} (in ${opts.cwd}) failed: ${e.message}\n--- stdout ---\n${e.stdout ?? ""}\n--- stderr ---\n${e.stderr ?? ""}`);
    }
}

/** `run` without blocking the event loop (mocha's timeouts keep working); output also goes to onOutput. */
export function runAsync(cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; onOutput?: (s: string) => void; timeoutMs?: number }): Promise<string> {
    return new Promise((resolve, reject) => {
        const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let all = "";
        const timer = setTimeout(() => child.kill("SIGTERM"), opts.timeoutMs ?? 900_000);
        child.stdout.on("data", (d: Buffer) => { stdout += d; all += d; opts.onOutput?.(String(d)); });
        child.stderr.on("data", (d: Buffer) => { all += d; opts.onOutput?.(String(d)); });
        child.on("error", (e) => { clearTimeout(timer); reject(e); });
        child.on("close", (code, signal) => {
            clearTimeout(timer);
            if (code === 0) resolve(stdout);
            else reject(new Error(`${cmd} ${args.join(" ")} (in ${opts.cwd}) failed (${signal ?? `exit ${code}`}):\n${all.slice(-8000)}`));
        });
    });
}
