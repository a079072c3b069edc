// What the CLI shows: the stages read back from the Rollout through its recorded layout, the
// status block with a marker at the current stage, and the watch: redrawn in place on a
// terminal, one line (or one JSON object) per change in a log, settled or timed out.
import * as assert from "assert";
import type { Observation } from "../../provider/src/cli/observe";
import { releaseLine, renderRelease, stageLines, statusJson } from "../../provider/src/cli/render";
import { stageLabels } from "../../provider/src/cli/stages";
import { watchReleases } from "../../provider/src/cli/watch";
import { AT, observation, SHOP } from "../helpers/cli";

const pods = { canary: { ready: 1, desired: 1 }, stable: { ready: 3, desired: 3 } };

function terminal(isTTY: boolean) {
    const writes: string[] = [];
    return { isTTY, columns: 200, write: (s: string) => { writes.push(s); }, writes, text: () => writes.join("") };
}

/** A watch over observations read in turn (the last one repeats), on a clock that moves 2 s a read. */
async function watchOver(sequence: Observation[], out: ReturnType<typeof terminal>, opts: { timeoutSeconds?: number; json?: boolean; notYet?: (o: Observation) => boolean } = {}) {
    let t = 0;
    let i = 0;
    return watchReleases([SHOP], {
        timeoutSeconds: opts.timeoutSeconds ?? 600, json: opts.json ?? false, out, notYet: opts.notYet,
        read: async () => sequence[Math.min(i++, sequence.length - 1)],
        now: () => t,
        sleep: async (ms) => { t += ms; },
    });
}

describe("cli: rendering", () => {
    describe("stages read back from the Rollout's steps", () => {
        it("a weight and a pause per stage, then the final promotion", () => {
            const steps = [{ setWeight: 25 }, { pause: {} }, { setWeight: 50 }, { pause: { duration: "5s" } }];
            assert.deepStrictEqual(stageLabels(steps, { stageStart: [0, 2], argoStepCount: 4 }), ["25% until promoted", "50% for 5s", "100%"]);
        });
        it("a canary scale and an analysis stay in their stage; a stage without a weight keeps the one before", () => {
            const steps = [{ setCanaryScale: { replicas: 1 } }, { setWeight: 10 }, { pause: { duration: 300 } }, { analysis: {} }, { pause: {} }, { setWeight: 100 }];
            assert.deepStrictEqual(stageLabels(steps, { stageStart: [0, 4, 5], argoStepCount: 6 }),
                ["10% (canary at 1 pod) for 5m, analysis", "10% until promoted", "100%"]);
        });
        it("no steps: straight to 100%", () => {
            assert.deepStrictEqual(stageLabels([], { stageStart: [], argoStepCount: 0 }), ["100% at once"]);
        });
    });

    it("status at a gate: where it stands, the stages with a marker, weight, analysis, pods, what to do next", () => {
        assert.deepStrictEqual(renderRelease(observation(AT.gate(), pods)), [
            'shop: Rollout default/shop on https://127.0.0.1:6443 (Kubernetes provider "default_4_25_0")',
            "  paused at stage 1 of 2 (25%): waiting for promotion; ready pods: canary 1/1, stable 3/3",
            "  stages:",
            "    [>] 1. 25% until promoted   <- waiting for promotion",
            "    [ ] 2. 50% for 5s",
            "    [ ] 3. 100%",
            "  canary weight: 25%   analysis: none   ready pods: canary 1/1, stable 3/3",
            "  template image: shop:2",
            "  next: `canary-delivery promote` passes it, `promote --full` skips the remaining stages, `abort` rolls back",
        ]);
    });

    it("the marker: stages done, the current one (waiting, aborted), all done once Healthy", () => {
        assert.deepStrictEqual(stageLines(observation(AT.timedPause())), ["[x] 1. 25% until promoted", "[>] 2. 50% for 5s   <- waiting 5s", "[ ] 3. 100%"]);
        assert.deepStrictEqual(stageLines(observation(AT.healthy())), ["[x] 1. 25% until promoted", "[x] 2. 50% for 5s", "[x] 3. 100%"]);
        assert.deepStrictEqual(stageLines(observation(AT.aborted())), ["[!] 1. 25% until promoted   <- aborted", "[ ] 2. 50% for 5s", "[ ] 3. 100%"]);
        assert.deepStrictEqual(stageLines(observation(AT.stale())), ["[ ] 1. 25% until promoted", "[ ] 2. 50% for 5s", "[ ] 3. 100%"], "no marker before the controller reports a step");
    });

    it("no traffic router reports a weight: the one the current step sets, as a share of pods", () => {
        const gate = AT.gate();
        delete gate.status!.canary;
        assert.ok(renderRelease(observation(gate)).includes("  canary weight: 25% (of the pods, as the step sets it)   analysis: none   ready pods: unknown"));
        assert.ok(renderRelease(observation(AT.healthy())).includes("  canary weight: -   analysis: none   ready pods: unknown"), "none at rest");
    });

    it("a release that cannot be read says why", () => {
        const o: Observation = { release: SHOP, namespace: "default", error: "cannot reach https://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1" };
        assert.deepStrictEqual(renderRelease(o), [
            'shop: Rollout default/shop (Kubernetes provider "default_4_25_0")',
            "  cannot read the release: cannot reach https://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1",
        ]);
        assert.strictEqual(releaseLine(o), "shop: cannot read the release: cannot reach https://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1");
        assert.deepStrictEqual(statusJson(o), {
            release: "shop", rollout: "shop", namespace: "default", server: null, cluster: 'Kubernetes provider "default_4_25_0"',
            error: "cannot reach https://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1", exitCode: 1,
        });
    });

    it("--json: the state, its exit code, the stage (0-based) and what the display shows", () => {
        assert.deepStrictEqual(statusJson(observation(AT.timedPause(), pods)), {
            release: "shop", rollout: "shop", namespace: "default", server: "https://127.0.0.1:6443", cluster: 'Kubernetes provider "default_4_25_0"',
            state: "progressing", exitCode: 5, line: "stage 2 of 2: canary at 50%, waiting 5s; ready pods: canary 1/1, stable 3/3",
            phase: "Paused", message: null, currentStage: 1, stageCount: 2, stages: ["25% until promoted", "50% for 5s", "100%"],
            canaryWeight: 50, analysis: null, pods, images: ["shop:2"], aborted: false,
        });
    });

    describe("the watch", () => {
        const walk = [observation(AT.progressing()), observation(AT.progressing()), observation(AT.timedPause()), observation(AT.healthy())];

        it("on a terminal: each frame redraws the last one in place, with the elapsed time, until Healthy (exit 0)", async () => {
            const out = terminal(true);
            const result = await watchOver(walk, out);
            assert.strictEqual(result.exitCode, 0);
            assert.strictEqual(result.timedOut, false);
            assert.strictEqual(out.writes.length, 4, "one frame per read");
            const frameLines = renderRelease(walk[0]).length + 1;
            assert.ok(!out.writes[0].includes("\x1b["), "the first frame draws");
            for (const w of out.writes.slice(1)) assert.ok(w.startsWith(`\x1b[${frameLines}F\x1b[0J`), "cursor up over the last frame, clear, draw");
            assert.match(out.writes[1], /\n\s*watching for 2s of 10m: until Healthy, a gate, or an abort/);
            assert.match(out.writes[2], /\[>\] 2\. 50% for 5s   <- waiting 5s/);
            const last = out.writes[3];
            assert.match(last, /Healthy, fully promoted/);
            assert.doesNotMatch(last, /watching for/, "the final frame has no footer");
        });

        it("on a terminal: lines longer than it are cut, so the redraw counts them right; a terminal of unknown width is 120", async () => {
            const narrow = { ...terminal(true), columns: 40 };
            await watchOver([observation(AT.gate())], narrow);
            assert.ok(narrow.text().split("\n").every((l) => l.length <= 39), narrow.text());
            assert.match(narrow.text(), /^shop: Rollout default\/shop on https:\/\/…\n/);
            const unknown = { ...terminal(true), columns: 0 };
            await watchOver([observation(AT.gate())], unknown);
            assert.match(unknown.text(), /^shop: Rollout default\/shop on https:\/\/127\.0\.0\.1:6443 \(Kubernetes provider "default_4_25_0"\)\n/);
        });

        it("in a log: one line per change, no escape codes", async () => {
            const out = terminal(false);
            assert.strictEqual((await watchOver(walk, out)).exitCode, 0);
            assert.strictEqual(out.text(), [
                "shop: stage 1 of 2",
                "shop: stage 2 of 2: canary at 50%, waiting 5s",
                "shop: Healthy, fully promoted",
                "",
            ].join("\n"));
        });

        it("--json: one JSON object per change", async () => {
            const out = terminal(false);
            await watchOver(walk, out, { json: true });
            const lines = out.text().trim().split("\n").map((l) => JSON.parse(l));
            assert.deepStrictEqual(lines.map((l) => [l.state, l.exitCode]), [["progressing", 5], ["progressing", 5], ["healthy", 0]]);
        });

        it("ends at a gate (exit 2) and at an abort (exit 3): nothing more happens without a person", async () => {
            assert.strictEqual((await watchOver([observation(AT.progressing()), observation(AT.gate())], terminal(false))).exitCode, 2);
            assert.strictEqual((await watchOver([observation(AT.progressing()), observation(AT.aborted())], terminal(false))).exitCode, 3);
        });

        it("times out (exit 4) when the release does not settle, and says the release goes on", async () => {
            const out = terminal(false);
            const result = await watchOver([observation(AT.progressing())], out, { timeoutSeconds: 10 });
            assert.strictEqual(result.exitCode, 4);
            assert.strictEqual(result.timedOut, true);
            assert.strictEqual(out.text(), "shop: stage 1 of 2\ntimed out after 10s (--timeout): the release goes on in the cluster\n");
        });

        it("a read that fails is reported and read again; a state the controller has not left yet is not the end", async () => {
            const out = terminal(false);
            const failed: Observation = { release: SHOP, error: "no answer from https://127.0.0.1:6443 in 10s" };
            const seq = [observation(AT.aborted()), failed, observation(AT.progressing()), observation(AT.gate())];
            let reads = 0;
            const result = await watchOver(seq, out, { notYet: (o) => o.progress?.state === "aborted" && reads++ < 1 });
            assert.strictEqual(result.exitCode, 2);
            assert.match(out.text(), /^shop: aborted: .*\nshop: cannot read the release: no answer from .*\nshop: stage 1 of 2\nshop: paused at stage 1 of 2 \(25%\): waiting for promotion\n$/);
        });
    });
});
