// The Go tests of our own language hosts (scripts/toolchain/langhost): one `go test ./...` with the
// module settings the bootstrap builds them with (scripts/lib.sh, go_tool in scripts/bootstrap.sh),
// never answered from Go's test cache; each package with _test.go files is one test here, and
// passes only if the package built, none of its tests failed or skipped, and some ran.
import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../../scripts/paths";

const MODULE_DIR = path.join(repoRoot, "scripts", "toolchain", "langhost");
const MODULE = /^module (\S+)$/m.exec(fs.readFileSync(path.join(MODULE_DIR, "go.mod"), "utf8"))![1];

/** Import paths of the module's packages that have tests, from the _test.go files on disk. */
function testedPackages(): string[] {
    const dirs = (fs.readdirSync(MODULE_DIR, { recursive: true }) as string[])
        .filter((f) => f.endsWith("_test.go")).map((f) => path.dirname(f));
    return [...new Set(dirs)].sort().map((d) => `${MODULE}/${d.split(path.sep).join("/")}`);
}

/** A line of `go test -json` (test2json). */
interface TestEvent {
    Action: string;
    Package?: string;
    Test?: string;
    Output?: string;
    /** On build-output lines: the package being built ("<pkg> [<pkg>.test]" for its test binary). */
    ImportPath?: string;
}

describe("our language hosts' Go tests (go test ./... in scripts/toolchain/langhost)", function () {
    // Compiling the test binaries takes about 2 minutes on an empty Go build cache.
    this.timeout(900_000);
    let events: TestEvent[] = [];
    let stderr = "";

    before(async () => {
        const started = Date.now();
        const env = { ...process.env, GOFLAGS: "-mod=mod", GONOSUMDB: "github.com/pulumi", CGO_ENABLED: "0" };
        const stdout = await new Promise<string>((resolve) => {
            // -count=1: the tests run every time (they start python3 and node, which Go's test cache does not track).
            execFile("go", ["test", "-count=1", "-json", "./..."], { cwd: MODULE_DIR, env, maxBuffer: 64 << 20 }, (_err, out, err) => {
                stderr = err;
                resolve(out);
            });
        });
        events = stdout.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
        process.stderr.write(`      (go test ./...: ${((Date.now() - started) / 1000).toFixed(1)}s)\n`);
    });

    it("finds the packages with tests", () => {
        assert.ok(testedPackages().length >= 4, testedPackages().join(", "));
    });

    for (const pkg of testedPackages()) {
        it(pkg.slice(MODULE.length + 1), () => {
            const mine = events.filter((e) => e.Package === pkg);
            const built = events.filter((e) => e.ImportPath === pkg || e.ImportPath?.startsWith(`${pkg} `));
            const output = [...built, ...mine].filter((e) => e.Output).map((e) => e.Output).join("") + stderr;
            const result = mine.find((e) => !e.Test && ["pass", "fail", "skip"].includes(e.Action));
            assert.ok(result, `go test reported nothing for ${pkg}:\n${output}`);
            const failed = mine.filter((e) => e.Test && e.Action === "fail").map((e) => e.Test);
            assert.deepStrictEqual(failed, [], output);
            const skipped = mine.filter((e) => e.Test && e.Action === "skip").map((e) => e.Test);
            assert.deepStrictEqual(skipped, [], "no test may skip itself");
            assert.strictEqual(result.Action, "pass", output);
            assert.ok(mine.some((e) => e.Test && e.Action === "pass"), `no test of ${pkg} ran`);
        });
    }
});
