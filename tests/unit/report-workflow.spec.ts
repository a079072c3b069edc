// The example workflow of examples/pr-report: valid YAML for GitHub Actions that previews with the
// policy pack as an event stream, reports, and edits the one comment that starts with the marker.
import * as assert from "assert";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { markerOf } from "../../provider/src/report";

const FILE = path.resolve(__dirname, "..", "..", "examples", "pr-report", ".github", "workflows", "canary-report.yml");

interface Step { uses?: string; run?: string; env?: Record<string, string>; if?: string; id?: string }

describe("PR report workflow (examples/pr-report)", () => {
    const doc = yaml.load(fs.readFileSync(FILE, "utf8")) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
    const steps = doc.jobs.report.steps;
    const runs = steps.map((s) => s.run ?? "").join("\n");

    it("runs on pull requests and may write their comments", () => {
        assert.ok("pull_request" in doc.on);
        assert.deepStrictEqual(doc.permissions, { contents: "read", "pull-requests": "write" });
    });

    it("installs the CLI with the official action, previews with the policy pack as an event stream", () => {
        assert.ok(steps.some((s) => s.uses === "pulumi/actions@v6"));
        const preview = steps.find((s) => s.id === "preview")!;
        assert.strictEqual(preview.env?.PULUMI_ENABLE_STREAMING_JSON_PREVIEW, "true");
        assert.match(preview.run!, /pulumi preview --json --non-interactive --stack "\$STACK" --policy-pack "\$POLICY_PACK"/);
    });

    it("reports, then edits the comment that starts with the report's first line, or creates it", () => {
        assert.match(runs, /canary-delivery report --file "\$RUNNER_TEMP\/preview\.json"/);
        assert.ok(markerOf("p", "s").startsWith("<!-- canary-delivery-report: "), "the marker is the report's first line");
        assert.match(runs, /MARKER="\$\(head -n 1 "\$RUNNER_TEMP\/report\.md"\)"/);
        assert.match(runs, /select\(\.body \| startswith\(env\.MARKER\)\)/);
        assert.match(runs, /gh api --method PATCH "repos\/\$GITHUB_REPOSITORY\/issues\/comments\/\$id"/);
        assert.match(runs, /gh pr comment "\$PR"/);
    });

    it("fails the check when the preview failed, after the comment", () => {
        const last = steps[steps.length - 1];
        assert.strictEqual(last.if, "steps.preview.outputs.exit-code != '0'");
        assert.ok(steps.findIndex((s) => /gh pr comment/.test(s.run ?? "")) < steps.length - 1);
    });
});
