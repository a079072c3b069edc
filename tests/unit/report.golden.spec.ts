// The PR report against golden Markdown, one file per preview. The previews are real
// `pulumi preview --json` output of a CanaryDelivery on a local API server whose Rollout is paused at
// stage 2 of 3 (captured by tests/integration/pr-report.spec.ts with CAPTURE_REPORT_FIXTURES=1; debug
// lines, paths and ports scrubbed). UPDATE_GOLDEN=1 rewrites the Markdown.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { report } from "../../provider/src/report";
import { GITHUB_COMMENT_LIMIT } from "../../provider/src/report/render";
import { assertGolden } from "../helpers/golden";

const FIXTURES = path.resolve(__dirname, "fixtures", "report");
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), "utf8");
const md = (name: string) => report(fixture(name)).markdown;

const VERDICTS: [string, string, RegExp][] = [
    ["first-release.jsonl", "first release (goes to 100% at once)", /\*\*Live:\*\* not deployed yet/],
    ["image-change-live-paused.jsonl", "starts a canary", /\*\*Live:\*\* paused at stage 2 of 3, canary at 30%/],
    ["steps-only-live-paused.jsonl", "steps-only change", /\*\*Live:\*\* paused at stage 2 of 3, canary at 30%/],
    ["rollback-live-paused.jsonl", "rollback to the stable version", /\*\*Live:\*\* paused at stage 2 of 3, canary at 30%/],
    ["no-change-live-paused.jsonl", "no change to the release", /\*\*Live:\*\* paused at stage 2 of 3, canary at 30%/],
    ["removed.jsonl", "removed", /\*\*Objects:\*\* delete Rollout `shop-rollout`/],
];

describe("PR report: golden Markdown per verdict (real previews)", () => {
    for (const [file, verdict, live] of VERDICTS) {
        it(`${file}: ${verdict}`, () => {
            const text = md(file);
            assertGolden(`report/${file.replace(/\.jsonl?$/, ".md")}`, text);
            assert.ok(text.startsWith("<!-- canary-delivery-report: pr-report/report -->\n"));
            assert.ok(text.includes(`### \`shop\`: ${verdict}\n`), text);
            assert.match(text, live);
        });
    }

    it("a live paused canary: the image change replaces it, with the fields, the plan table and its total time", () => {
        const text = md("image-change-live-paused.jsonl");
        assert.match(text, /The component says: this pod template change replaces the canary in progress and restarts from stage 1\./);
        assert.match(text, /\| pod template \| `template\.image` \| `shop:2` \| `shop:3` \|/);
        assert.match(text, /\*\*Plan:\*\* full promotion after at least 16m, plus 1 manual promotion at stage 2\./);
        assert.match(text, /\| 1 \| 10% \| 6m \| none \|\n\| 2 \| 30% \| until promoted \(manual gate\) \| background \|\n\| 3 \| 60% \| 10m \| background \|\n\| full promotion \| 100% \| \| \|/);
    });

    it("a removed release whose Rollout is retained (an adopted Deployment the controller scales down): a warning says it stays, unmanaged, and how to remove it safely", () => {
        const text = md("removed-retained.jsonl");
        assertGolden("report/removed-retained.md", text);
        assert.match(text, /### `shop`: removed\n/);
        assert.match(text, /\*\*Warning:\*\* Rollout `shop` stays in the cluster, no longer managed by Pulumi \(retained: the controller may have scaled Deployment `shop` down, so deleting the Rollout would leave no pods\)\. To remove the release safely, first set `workloadRef\.handBack: true` and run `pulumi up`, then remove the component/);
        // A release removed without retention draws no such warning.
        assert.doesNotMatch(md("removed.jsonl"), /stays in the cluster/);
    });

    it("a first release says the stages apply from the next release", () => {
        assert.match(md("first-release.jsonl"), /This first release skips the stages/);
    });

    it("the summary document (plain `pulumi preview --json`): the same verdict and live line; it says the arguments, the plan and the policy results are missing", () => {
        const text = md("first-release.summary.json");
        assertGolden("report/first-release.summary.md", text);
        assert.match(text, /### `shop`: first release \(goes to 100% at once\)/);
        assert.match(text, /\*\*Live:\*\* not deployed yet/);
        // The component records its arguments as an output, which this document leaves out.
        assert.match(text, /_The arguments that change and the plan are not in this input: .* Give the report the event stream/);
        assert.match(text, /Policy results are not in this input/);
    });

    it("the component is a 'same' step when only its objects change (its inputs are its identity): the release is still an update, diffed from its arguments output", () => {
        const preview = fixture("image-change-live-paused.jsonl");
        assert.match(preview, /"op":"same","urn":"[^"]*CanaryDelivery::shop"/);
        assert.doesNotMatch(preview, /"op":"update","urn":"[^"]*CanaryDelivery::shop"/);
        assert.match(md("image-change-live-paused.jsonl"), /\| pod template \| `template\.image` \| `shop:2` \| `shop:3` \|/);
    });

    it("a preview of a state written by a version that recorded the arguments as the component's inputs gives the same report", () => {
        const legacy = fixture("legacy/image-change-live-paused.inputs.jsonl");
        assert.match(legacy, /"op":"update","urn":"[^"]*CanaryDelivery::shop"/);
        assert.strictEqual(report(legacy).markdown, md("image-change-live-paused.jsonl"));
    });

    it("a preview of a state written by a version that kept the image in the arguments output gives the same report", () => {
        const legacy = fixture("legacy/image-change-live-paused.image-in-arguments.jsonl");
        assert.deepStrictEqual([...new Set(recordedImages(legacy))], ["shop:2", "shop:3"]);
        assert.strictEqual(report(legacy).markdown, md("image-change-live-paused.jsonl"));
    });

    it("the arguments output leaves the image out: the diff reads it from the Rollout, old and new", () => {
        const text = fixture("image-change-live-paused.jsonl");
        assert.ok(recordedImages(text).length === 0 && text.includes('"arguments"'), "no image in the arguments output");
        assert.match(md("image-change-live-paused.jsonl"), /template\.image/);
    });
});

/** The pod template images a fixture's component outputs record in `arguments`, old and new. */
function recordedImages(text: string): unknown[] {
    const images: unknown[] = [];
    for (const line of text.split("\n").filter(Boolean)) {
        const event = JSON.parse(line) as Record<string, { metadata?: Record<string, { outputs?: { arguments?: { template?: { image?: unknown } } } }> }>;
        const metadata = (event.resourcePreEvent ?? event.resOutputsEvent)?.metadata;
        for (const side of ["old", "new"]) {
            const image = metadata?.[side]?.outputs?.arguments?.template?.image;
            if (image !== undefined) images.push(image);
        }
    }
    return images;
}

describe("PR report: policy results and failed previews (real previews)", () => {
    it("a mandatory violation fails the preview: said first, then each violation under its level with its message", () => {
        const text = md("policy-mandatory.jsonl");
        assertGolden("report/policy-mandatory.md", text);
        assert.match(text, /^\*\*The preview failed \(1 mandatory policy violation/m);
        assert.match(text, /- \*\*mandatory\*\*\n  - `canary-analysis-required` on Rollout `shop-rollout`: /);
        assert.match(text, /- \*\*advisory\*\*\n  - `canary-final-weight` on Rollout `shop-rollout`: /);
        assert.ok(text.indexOf("**mandatory**") < text.indexOf("**advisory**"));
    });

    it("invalid arguments: the preview failed, the component's problems are shown, the release not previewed", () => {
        const text = md("failed-arguments.jsonl");
        assertGolden("report/failed-arguments.md", text);
        assert.match(text, /\*\*The preview failed/);
        assert.match(text, /steps\[0\]\.pause/);
        assert.match(text, /### `shop`: not previewed/);
    });
});

describe("PR report: an over-long preview stays under GitHub's limit and says what it left out", () => {
    // The paused-canary preview with its release repeated 300 times under other names.
    const longPreview = () => {
        const lines = fixture("image-change-live-paused.jsonl").trim().split("\n");
        const copies: string[] = [];
        for (let i = 0; i < 300; i++) copies.push(...lines.filter((l) => l.includes("shop")).map((l) => l.replace(/::shop(?=[":$-])/g, `::shop${i}`).replace(/Rollout shop:/g, `Rollout shop${i}:`).replace(/"releaseName":"shop"/g, `"releaseName":"shop${i}"`)));
        return [...lines, ...copies].join("\n");
    };

    it("under the limit, the first releases in full, the last ones left out by name", () => {
        const text = report(longPreview()).markdown;
        assert.ok(text.length <= GITHUB_COMMENT_LIMIT, `${text.length} characters`);
        assert.ok(text.startsWith("<!-- canary-delivery-report: pr-report/report -->\n"));
        assert.match(text, /### `shop`: starts a canary/);
        assert.match(text, /\*\*Left out to stay under GitHub's 65,536-character comment limit:\*\*/);
        assert.match(text, /- the whole section of \d+ releases: `shop\d+`.*, and \d+ more \(verdicts: \d+ starts a canary\)\n/);
        assert.match(text, /Run `pulumi preview` for the full output\./);
    });

    it("a smaller limit cuts more, and still says so", () => {
        const text = report(longPreview(), { maxChars: 5000 }).markdown;
        assert.ok(text.length <= 5000, `${text.length} characters`);
        assertGolden("report/over-long-5000.md", text);
        assert.match(text, /Left out to stay under/);
    });
});
