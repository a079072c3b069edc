// The benchmark's arithmetic (scripts/bench/stats.ts): the figures in the README come from it.
import * as assert from "assert";
import { median, summarize, table } from "../../scripts/bench/stats";

describe("benchmark statistics", () => {
    it("median of odd and even counts, unsorted input", () => {
        assert.strictEqual(median([3, 1, 2]), 2);
        assert.strictEqual(median([4, 1, 3, 2]), 2.5);
        assert.ok(Number.isNaN(median([])));
    });

    it("ratios are taken pair by pair, then their median; ranges per side", () => {
        const [s] = summarize([{ op: "up", n: 10, baseline: [1, 2, 4], candidate: [1.5, 2, 4.4], load: 0.5 }]);
        assert.strictEqual(s.baseline, 2);
        assert.strictEqual(s.candidate, 2);
        // Ratios 1.5, 1.0, 1.1: their median, not the ratio of the medians (1.0).
        assert.strictEqual(Number(s.ratio.toFixed(2)), 1.1);
        assert.deepStrictEqual(s.ratioRange.map((x) => Number(x.toFixed(2))), [1, 1.5]);
        assert.deepStrictEqual(s.baselineRange, [1, 4]);
        assert.strictEqual(s.perRelease, undefined);
    });

    it("seconds per added release compare each size with the next smaller one of the same operation", () => {
        const s = summarize([
            { op: "up", n: 1, baseline: [2], candidate: [2], load: 0 },
            { op: "destroy", n: 1, baseline: [1], candidate: [1], load: 0 },
            { op: "up", n: 10, baseline: [3.8], candidate: [4.7], load: 0 },
            { op: "up", n: 50, baseline: [11.8], candidate: [16.7], load: 0 },
        ]);
        assert.deepStrictEqual(s[2].perRelease && { b: s[2].perRelease.baseline.toFixed(3), c: s[2].perRelease.candidate.toFixed(3) }, { b: "0.200", c: "0.300" });
        assert.deepStrictEqual(s[3].perRelease && { b: s[3].perRelease.baseline.toFixed(3), c: s[3].perRelease.candidate.toFixed(3) }, { b: "0.200", c: "0.300" });
        assert.strictEqual(s[1].perRelease, undefined);
    });

    it("the table has one line per row under its header", () => {
        const lines = table(summarize([{ op: "up", n: 1, baseline: [2, 2], candidate: [3, 1], load: 1.25 }])).split("\n");
        assert.strictEqual(lines.length, 3);
        assert.match(lines[2], /^\| up \| 1 \| 2\.00 \| 2\.00 \| 1\.00× \| 0\.50–1\.50 \|/);
        assert.match(lines[2], /\| 1\.25 \|$/);
    });
});
