// The exit codes a CI job branches on: one distinct code per place a release can stand, from
// every state of the lifecycle core, and the most pressing one when a stack has several releases.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { codeOf } from "../../provider/src/cli/commands/status";
import { combinedExitCode, EXIT_CODE_MEANINGS, EXIT_CODES, exitCodeOf } from "../../provider/src/cli/exit-codes";
import type { ProgressState } from "../../provider/src/lifecycle/progress";
import { AT, observation, SHOP } from "../helpers/cli";

describe("cli: exit codes", () => {
    it("the table: 0 Healthy, 1 error, 2 paused, 3 failed, 4 timed out, 5 progressing; all distinct", () => {
        assert.deepStrictEqual({ ...EXIT_CODES }, { healthy: 0, error: 1, paused: 2, failed: 3, timedOut: 4, progressing: 5 });
        assert.strictEqual(new Set(Object.values(EXIT_CODES)).size, Object.keys(EXIT_CODES).length);
        assert.deepStrictEqual(EXIT_CODE_MEANINGS.map(([c]) => c).sort(), Object.values(EXIT_CODES).sort(), "each code has one meaning for --help");
    });

    it("every progress state maps to its code", () => {
        const states: Record<ProgressState, number> = {
            healthy: 0, gate: 2, inconclusive: 2, aborted: 3, degraded: 3, progressing: 5, stale: 5,
        };
        for (const [state, code] of Object.entries(states) as [ProgressState, number][]) {
            assert.strictEqual(exitCodeOf(state), code, state);
        }
    });

    it("from Rollouts as the controller writes them", () => {
        const expected: Record<keyof typeof AT, number> = {
            stale: 5, progressing: 5, timedPause: 5, gate: 2, inconclusive: 2, healthy: 0, aborted: 3, degraded: 3,
        };
        for (const [at, code] of Object.entries(expected) as [keyof typeof AT, number][]) {
            assert.strictEqual(codeOf(observation(AT[at]())), code, at);
        }
        assert.strictEqual(codeOf({ release: SHOP, error: "Rollout default/shop not found in https://127.0.0.1:6443" }), 1, "a release that cannot be read");
    });

    it("several releases: error > failed > timed out > progressing > paused > Healthy", () => {
        const { healthy, error, paused, failed, timedOut, progressing } = EXIT_CODES;
        assert.strictEqual(combinedExitCode([]), healthy);
        assert.strictEqual(combinedExitCode([healthy, healthy]), healthy);
        assert.strictEqual(combinedExitCode([healthy, paused]), paused);
        assert.strictEqual(combinedExitCode([paused, progressing]), progressing, "one still moving may yet fail");
        assert.strictEqual(combinedExitCode([progressing, timedOut, paused]), timedOut);
        assert.strictEqual(combinedExitCode([timedOut, failed, healthy]), failed);
        assert.strictEqual(combinedExitCode([failed, error]), error);
    });

    it("README documents every exit code in the CLI's table", () => {
        const readme = fs.readFileSync(path.resolve(__dirname, "..", "..", "README.md"), "utf8");
        const section = readme.slice(readme.indexOf("## The canary-delivery CLI"));
        assert.ok(readme.includes("## The canary-delivery CLI"), "README has the CLI section");
        for (const [code, meaning] of EXIT_CODE_MEANINGS) {
            assert.match(section, new RegExp(`^\\| ${code} \\| `, "m"), `README's table has a row for ${code} (${meaning})`);
        }
    });
});
