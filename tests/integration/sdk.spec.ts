// The generated SDKs in sdk/: fresh (the real CLI regenerates exactly what is committed) and usable
// in each language: the Python SDK pip-installs into a virtualenv and imports, the Go SDK builds
// with modules the Go mirror serves, the Node.js SDK type-checks against the @pulumi/pulumi we pin.
// Everything runs on copies in temp directories: installs and builds never write into sdk/.
import * as assert from "assert";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cacheDir, repoRoot } from "../../scripts/paths";
import { generateSdks, goPackageDir, listFiles, pinnedVersion, sdkDir, treeDifferences } from "../../scripts/gen-sdk";
import { cliEnv, run, sharedStagedProvider } from "../../scripts/provider-plugin";

describe("generated SDKs (sdk/)", function () {
    this.timeout(600_000);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "canary-sdk-it-"));
    const env = cliEnv(path.join(tmp, "state"));
    const timed = <T>(what: string, f: () => T): T => {
        const started = Date.now();
        try {
            return f();
        } finally {
            process.stderr.write(`      (${what}: ${((Date.now() - started) / 1000).toFixed(1)}s)\n`);
        }
    };
    const copyOf = (rel: string): string => {
        const dest = path.join(tmp, "copies", rel);
        fs.cpSync(path.join(sdkDir, rel), dest, { recursive: true });
        return dest;
    };

    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("are what `pulumi package gen-sdk` generates now (npm run gen-sdk rewrites them)", () => {
        const fresh = path.join(tmp, "fresh");
        timed("stage + get-schema + gen-sdk x3 + go mod tidy", () => generateSdks(fresh, sharedStagedProvider().dir));
        const differences = treeDifferences(fresh, sdkDir);
        assert.deepStrictEqual(differences, [], "sdk/ is stale: run `npm run gen-sdk` (and `npm run gen-docs`) and commit sdk/ and docs/");
    });

    it("python: pip-installs into a virtualenv and imports", () => {
        const python = timed("python venv (cached by SDK content)", () => pythonWithSdk(copyOf("python")));
        const out = run(python, ["-c", [
            "import pulumi_canary_delivery as c",
            "args = c.CanaryDeliveryArgs(steps=[c.CanaryStepArgs(weight=20, pause='1m')], template=c.PodTemplateArgs(image='nginx'))",
            "print(c.CanaryDelivery.__name__, args.steps[0].weight)",
        ].join("\n")], { cwd: tmp, env });
        assert.strictEqual(out.trim(), "CanaryDelivery 20");
    });

    it("go: `go build ./...` succeeds with modules the mirror serves", () => {
        const pkg = copyOf(path.relative(sdkDir, goPackageDir(path.join(sdkDir, "go"))));
        timed("go build", () => run("go", ["build", "./..."], { cwd: pkg, env, timeout: 900_000 }));
        timed("go vet", () => run("go", ["vet", "./..."], { cwd: pkg, env, timeout: 900_000 }));
    });

    it("nodejs: type-checks with its own tsconfig against the pinned @pulumi/pulumi and TypeScript", () => {
        const dir = copyOf("nodejs");
        // Read-only use of the repo's packages: tsc never installs anything.
        fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"));
        timed("tsc --noEmit", () => run(path.join(repoRoot, "node_modules", ".bin", "tsc"), ["-p", dir, "--noEmit"], { cwd: dir, env }));
    });
});

/**
 * A virtualenv with the SDK (and the pinned pulumi) installed, cached outside the checkout under the
 * hash of the SDK's files, the python version and the pinned pulumi version; built under a temp name
 * and renamed into place (a venv finds itself through pyvenv.cfg next to bin/, so a rename is safe).
 */
function pythonWithSdk(sdkCopy: string): string {
    const pulumiVersion = pinnedVersion("PULUMI_VERSION");
    const pythonVersion = run("python3", ["--version"], { cwd: sdkCopy }).trim();
    const hash = crypto.createHash("sha256").update(`${pythonVersion} pulumi==${pulumiVersion}\n`);
    for (const f of listFiles(sdkCopy)) hash.update(f).update(fs.readFileSync(path.join(sdkCopy, f)));
    const venv = path.join(cacheDir, `sdk-python-venv-${hash.digest("hex").slice(0, 12)}`);
    const python = path.join(venv, "bin", "python");
    if (fs.existsSync(path.join(venv, ".installed"))) return python;
    fs.mkdirSync(cacheDir, { recursive: true });
    const tmpVenv = fs.mkdtempSync(`${venv}.tmp-`);
    try {
        run("python3", ["-m", "venv", tmpVenv], { cwd: sdkCopy });
        run(path.join(tmpVenv, "bin", "python"), ["-m", "pip", "install", "--quiet", sdkCopy, `pulumi==${pulumiVersion}`],
            { cwd: sdkCopy, timeout: 900_000 });
        fs.writeFileSync(path.join(tmpVenv, ".installed"), "");
        try {
            fs.renameSync(tmpVenv, venv);
        } catch (e) {
            if (!fs.existsSync(path.join(venv, ".installed"))) throw e; // else another run won the race
        }
    } finally {
        fs.rmSync(tmpVenv, { recursive: true, force: true });
    }
    return python;
}
