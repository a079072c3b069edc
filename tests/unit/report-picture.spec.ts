// The README's picture of a report comment: examples/pr-report/comment.html is the GitHub-flavoured
// rendering of the golden paused-canary report (so the picture cannot show a stale report), and it
// holds the verdict and the report's tables. comment.png is its screenshot (examples/pr-report/picture.ts).
import * as assert from "assert";
import * as fs from "fs";
import { commentHtml, HTML_FILE, PNG_FILE, SAMPLE } from "../../examples/pr-report/picture";

describe("PR report picture", () => {
    const html = commentHtml(fs.readFileSync(SAMPLE, "utf8"));

    it("comment.html is the rendering of the current golden report (rerun examples/pr-report/picture.ts)", () => {
        assert.strictEqual(fs.readFileSync(HTML_FILE, "utf8"), html);
    });

    it("renders the verdict, the live line and the report's three tables (changes, plan, analysis) as HTML", () => {
        assert.match(html, /<h3><code>shop<\/code>: starts a canary<\/h3>/);
        assert.match(html, /<strong>Live:<\/strong> paused at stage 2 of 3, canary at 30%/);
        const tables = [...html.matchAll(/<table>[\s\S]*?<\/table>/g)].map((m) => m[0]);
        assert.strictEqual(tables.length, 3);
        assert.match(tables[0], /<th>field<\/th>[\s\S]*<code>template\.image<\/code>[\s\S]*<code>shop:3<\/code>/);
        assert.match(tables[1], /<th>canary weight<\/th>[\s\S]*until promoted \(manual gate\)/);
        assert.match(tables[2], /<th>failure limit<\/th>[\s\S]*<code>error-budget<\/code>/);
        assert.match(html, /full promotion after at least 16m, plus 1 manual promotion at stage 2/);
        // The hidden marker stays hidden.
        assert.match(html, /<!-- canary-delivery-report: pr-report\/report -->/);
    });

    it("the picture is a PNG screenshot", () => {
        const png = fs.readFileSync(PNG_FILE);
        assert.deepStrictEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
        assert.ok(png.length > 10_000, `${png.length} bytes`);
    });
});
