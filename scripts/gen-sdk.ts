// `npm run gen-sdk`: regenerates sdk/ with the real Pulumi CLI from the provider plugin (and then
// the docs generated from it, as `npm run gen-docs` does):
//   sdk/schema.json   `pulumi package get-schema` (the schema every SDK and provider/REFERENCE.md is generated from)
//   sdk/<language>/   `pulumi package gen-sdk <provider> --language <language>` for nodejs, python, go
// Nothing in sdk/ is edited by hand; tests/integration/sdk.spec.ts regenerates into a temp directory
// and fails when sdk/ differs.
//
// One step is ours: the Go SDK's go.mod. The Go generator writes one only when the schema sets
// `supportPack` (as `pulumi package add` does), and the schema @pulumi/pulumi 3.259.0's
// ComponentProvider infers has a fixed `language` block (`respectSchemaVersion` only: no
// `importBasePath`, `modulePath` or `supportPack`, and nothing in package.json changes that; only an
// npm scope becomes the schema's namespace). Without it the generated code imports itself as
// `example.com/pulumi-canary-delivery/sdk/go/canary-delivery` while writing the package to
// `go/canarydelivery/`, so the only layout that builds is a module rooted at the package directory
// with exactly that path. This script writes that go.mod and tidies it against the Pulumi Go SDK we pin.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "./paths";
import { writeDocs } from "./gen-docs";
import { cliEnv, pulumi, run, StagedProvider, stageProvider } from "./provider-plugin";

export const sdkDir = path.join(repoRoot, "sdk");
export const LANGUAGES = ["nodejs", "python", "go"] as const;

export function pinnedVersion(key: string): string {
    const env = fs.readFileSync(path.join(repoRoot, "scripts", "versions.env"), "utf8");
    const m = env.match(new RegExp(`^${key}=(.+)$`, "m"));
    if (!m) throw new Error(`${key} is not set in scripts/versions.env`);
    return m[1].trim();
}

/** Writes schema.json and one SDK per language into outDir, from the plugin at pluginDir. */
export function generateSdks(outDir: string, pluginDir: string, log: (m: string) => void = () => undefined): void {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "canary-gen-sdk-state-"));
    try {
        const env = cliEnv(stateDir);
        fs.mkdirSync(outDir, { recursive: true });
        let started = Date.now();
        fs.writeFileSync(path.join(outDir, "schema.json"), pulumi(["package", "get-schema", pluginDir], { cwd: outDir, env }));
        log(`schema.json in ${secondsSince(started)}`);
        for (const language of LANGUAGES) {
            started = Date.now();
            pulumi(["package", "gen-sdk", pluginDir, "--language", language, "--out", outDir], { cwd: outDir, env });
            log(`${language} SDK in ${secondsSince(started)}`);
        }
        started = Date.now();
        writeGoModule(path.join(outDir, "go"), env);
        log(`go.mod in ${secondsSince(started)}`);
    } finally {
        fs.rmSync(stateDir, { recursive: true, force: true });
    }
}

/** The Go package directory (the one with pulumi-plugin.json) under an SDK's go/ directory. */
export function goPackageDir(goDir: string): string {
    const dirs = fs.readdirSync(goDir).filter((d) => fs.existsSync(path.join(goDir, d, "pulumi-plugin.json")));
    if (dirs.length !== 1) throw new Error(`expected one Go package with pulumi-plugin.json in ${goDir}, found ${dirs.join(", ") || "none"}`);
    return path.join(goDir, dirs[0]);
}

/** The import path the generated Go code uses for itself (its `<base>/internal` import, without `/internal`). */
export function goImportPath(pkgDir: string): string {
    for (const f of fs.readdirSync(pkgDir).filter((n) => n.endsWith(".go"))) {
        const m = fs.readFileSync(path.join(pkgDir, f), "utf8").match(/"([^"]+)\/internal"/);
        if (m) return m[1];
    }
    throw new Error(`no "<module>/internal" import in ${pkgDir}`);
}

function writeGoModule(goDir: string, env: NodeJS.ProcessEnv): void {
    const pkgDir = goPackageDir(goDir);
    if (fs.existsSync(path.join(pkgDir, "go.mod")) || fs.existsSync(path.join(goDir, "go.mod"))) {
        throw new Error(`the Go generator wrote a go.mod itself now: drop writeGoModule from ${__filename}`);
    }
    fs.writeFileSync(path.join(pkgDir, "go.mod"),
        `module ${goImportPath(pkgDir)}\n\ngo 1.25\n\nrequire github.com/pulumi/pulumi/sdk/v3 v${pinnedVersion("PULUMI_VERSION")}\n`);
    run("go", ["mod", "tidy"], { cwd: pkgDir, env });
}

function secondsSince(started: number): string {
    return `${((Date.now() - started) / 1000).toFixed(1)}s`;
}

/** Every file under dir, relative, sorted. */
export function listFiles(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return (fs.readdirSync(dir, { recursive: true }) as string[])
        .filter((f) => fs.statSync(path.join(dir, f)).isFile())
        .map((f) => f.split(path.sep).join("/"))
        .sort();
}

/** The files that differ between two trees (missing on either side, or different bytes). */
export function treeDifferences(expectedDir: string, actualDir: string): string[] {
    const expected = listFiles(expectedDir);
    const actual = listFiles(actualDir);
    const all = [...new Set([...expected, ...actual])].sort();
    return all.flatMap((f) => {
        if (!expected.includes(f)) return [`${f}: only in the fresh generation`];
        if (!actual.includes(f)) return [`${f}: not generated any more`];
        const same = fs.readFileSync(path.join(expectedDir, f)).equals(fs.readFileSync(path.join(actualDir, f)));
        return same ? [] : [`${f}: differs`];
    });
}

function main(): void {
    const say = (m: string) => process.stderr.write(`[gen-sdk] ${m}\n`);
    const started = Date.now();
    let staged: StagedProvider | undefined;
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "canary-sdk-"));
    try {
        staged = stageProvider(say);
        generateSdks(tmp, staged.dir, say);
        // Generated into a temp directory first, so a failure leaves sdk/ as it was.
        fs.rmSync(sdkDir, { recursive: true, force: true });
        fs.cpSync(tmp, sdkDir, { recursive: true });
        say(`sdk/ regenerated in ${secondsSince(started)}`);
        writeDocs();
        say("`git status sdk docs README.md` shows what changed");
    } finally {
        staged?.remove();
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}

if (require.main === module) {
    main();
}
