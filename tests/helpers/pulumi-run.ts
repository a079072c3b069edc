// Mocha helpers for suites that drive the real CLI: a throw-away file backend per suite,
// the CLI's output captured per test, printed only when the test fails, and the suite's stack.
import { Stack } from "@pulumi/pulumi/automation";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { openStack, StackOptions } from "../../scripts/pulumi/workspace";
import type { ClusterRef } from "./local-cluster";

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

export interface StackRef extends PulumiRun {
    current(): Stack;
}

/** The suite's stack (an inline program or one on disk) on its own file backend, deploying to `cluster`. */
export function useStack(cluster: ClusterRef, opts: Omit<StackOptions, "kubeconfig" | "stateDir">): StackRef {
    const run = usePulumiRun();
    let stack: Stack | undefined;
    before(async () => {
        stack = await openStack({ ...opts, stateDir: run.stateDir, kubeconfig: cluster.current().kubeconfig });
    });
    return {
        ...run,
        current: () => {
            if (!stack) {
                throw new Error("the stack is not open");
            }
            return stack;
        },
    };
}

/** A preview's or an update's change summary has nothing but unchanged resources. */
export function assertNoChanges(summary: Record<string, number>, what = "no changes"): void {
    const changed = Object.entries(summary).filter(([op, n]) => op !== "same" && n > 0);
    assert.deepStrictEqual(changed, [], `${what}: unexpected changes: ${JSON.stringify(summary)}`);
}
