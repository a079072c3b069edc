// The CLI's command line: what each command takes, where the releases come from, and a clear
// usage error (exit 1) for everything else, before anything is read.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_TIMEOUT, parseCommandLine, UsageError } from "../../provider/src/cli/args";
import { run } from "../../provider/src/cli/run";

function capture() {
    let text = "";
    return { write: (s: string) => { text += s; }, text: () => text };
}

describe("cli: arguments", () => {
    it("status of every release of a stack; the timeout defaults to 10m", () => {
        assert.deepStrictEqual(parseCommandLine(["status", "--stack", "dev"]), {
            help: false, command: "status", source: { kind: "stack", stack: "dev" },
            watch: false, wait: false, full: false, json: false, timeoutSeconds: 600,
        });
        assert.strictEqual(DEFAULT_TIMEOUT, "10m");
    });

    it("status --watch of one release of a stack run in a project directory", () => {
        const p = parseCommandLine(["status", "shop", "--stack", "org/app/dev", "--cwd", "infra", "-w", "--timeout", "90s", "--json"]);
        assert.deepStrictEqual(p, {
            help: false, command: "status", release: "shop", source: { kind: "stack", stack: "org/app/dev", cwd: "infra" },
            watch: true, wait: false, full: false, json: true, timeoutSeconds: 90,
        });
    });

    it("a control on a Rollout named with an explicit kubeconfig, context and namespace", () => {
        const p = parseCommandLine(["promote", "shop", "--kubeconfig", "/k", "--context", "prod", "-n", "apps", "--full", "--wait", "--timeout", "1h"]);
        assert.deepStrictEqual(p, {
            help: false, command: "promote", release: "shop",
            source: { kind: "explicit", target: { kubeconfig: "/k", context: "prod", namespace: "apps" } },
            watch: false, wait: true, full: true, json: false, timeoutSeconds: 3600,
        });
        assert.deepStrictEqual(parseCommandLine(["retry", "shop"]).help === false && parseCommandLine(["retry", "shop"]), {
            help: false, command: "retry", release: "shop", source: { kind: "explicit", target: {} },
            watch: false, wait: false, full: false, json: false, timeoutSeconds: 600,
        });
        assert.strictEqual((parseCommandLine(["status", "shop", "--watch", "--timeout", "120"]) as { timeoutSeconds: number }).timeoutSeconds, 120);
    });

    it("help: --help, -h or the help command", () => {
        for (const argv of [["--help"], ["-h"], ["help"], ["status", "--help"]]) {
            assert.deepStrictEqual(parseCommandLine(argv), { help: true }, argv.join(" "));
        }
    });

    const mistakes: [string[], RegExp][] = [
        [[], /a command is required: status, promote, abort, retry/],
        [["deploy", "shop"], /unknown command "deploy"/],
        [["status"], /name the release: --stack NAME, or the Rollout's name/],
        [["status", "a", "b", "--stack", "dev"], /one release at most, got "a", "b"/],
        [["promote", "shop", "--watch"], /--watch is an option of status, not of promote/],
        [["status", "shop", "--full"], /--full is an option of promote, not of status/],
        [["abort", "shop", "--json"], /--json is an option of status, not of abort/],
        [["status", "shop", "--wait"], /--wait is an option of promote, abort, retry, not of status/],
        [["status", "--stack", "dev", "--context", "prod", "-n", "x"], /--stack finds the cluster from the stack: drop --context, --namespace/],
        [["status", "shop", "--cwd", "infra"], /--cwd goes with --stack/],
        [["status", "--stack", ""], /--stack needs a value/],
        [["status", "shop", "--timeout", "10m"], /--timeout goes with --watch \(status\) or --wait/],
        [["status", "shop", "--watch", "--timeout", "soon"], /--timeout: "soon" is not a duration/],
        [["status", "shop", "--watch", "--timeout", "0s"], /--timeout: "0s" is not a duration/],
        [["status", "shop", "--bogus"], /Unknown option '--bogus'/],
        [["status", "--stack"], /Option '--stack <value>' argument missing/],
    ];
    for (const [argv, message] of mistakes) {
        it(`usage error: ${argv.join(" ") || "(nothing)"}`, () => {
            assert.throws(() => parseCommandLine(argv), (e: Error) => e instanceof UsageError && message.test(e.message));
        });
    }

    it("the package's bin is the compiled main, which keeps its shebang", () => {
        const provider = path.resolve(__dirname, "..", "..", "provider");
        const pkg = JSON.parse(fs.readFileSync(path.join(provider, "package.json"), "utf8"));
        assert.deepStrictEqual(pkg.bin, { "canary-delivery": "bin/cli/main.js" });
        assert.strictEqual(fs.readFileSync(path.join(provider, "src", "cli", "main.ts"), "utf8").split("\n")[0], "#!/usr/bin/env node");
    });

    it("run: a usage error exits 1 with the reason and where the help is, reading nothing", async () => {
        const [stdout, stderr] = [capture(), capture()];
        const exporter = () => { throw new Error("nothing is read on a usage error"); };
        assert.strictEqual(await run(["promote", "--watch"], { stdout, stderr, exporter }), 1);
        assert.strictEqual(stderr.text(), "canary-delivery: --watch is an option of status, not of promote\nRun `canary-delivery --help` for the usage.\n");
        assert.strictEqual(stdout.text(), "");
    });

    it("run --help: the usage with every command and exit code, exit 0", async () => {
        const [stdout, stderr] = [capture(), capture()];
        assert.strictEqual(await run(["--help"], { stdout, stderr }), 0);
        for (const part of ["status [--watch] [--json]", "promote [--full] [--wait]", "abort [--wait]", "retry [--wait]", "--stack NAME", "--kubeconfig PATH",
            "  0  Healthy", "  2  paused at a manual gate", "  3  aborted or Degraded", "  4  timed out", "  5  still progressing", "  1  any other error"]) {
            assert.ok(stdout.text().includes(part), `usage mentions ${part}`);
        }
    });
});
