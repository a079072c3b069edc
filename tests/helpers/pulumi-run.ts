// Mocha helpers for suites that drive the real CLI: a throw-away file backend per suite,
// and the CLI's output captured per test, printed only when the test fails.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export interface PulumiRun {
    /** File backend directory of this suite (removed afterwards). */
    stateDir: string;
    /** Pass as `onOutput` to stack operations. */
    capture: (s: string) => void;
}

export function usePulumiRun(): PulumiRun {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "canary-state-"));
    let log = "";
    after(() => fs.rmSync(stateDir, { recursive: true, force: true }));
    afterEach(function () {
        if (this.currentTest?.state === "failed") {
            process.stderr.write(`--- pulumi output ---\n${log}\n`);
        }
        log = "";
    });
    return { stateDir, capture: (s: string) => { log += s; } };
}

/** A preview's change summary has nothing but unchanged resources. */
export function assertNoChanges(summary: Record<string, number>): void {
    const changed = Object.entries(summary).filter(([op, n]) => op !== "same" && n > 0);
    assert.deepStrictEqual(changed, [], `unexpected changes: ${JSON.stringify(summary)}`);
}
