// Golden manifests, one file per scenario: every object a release registers, with the options it
// is registered with, and the plan a reviewer reads. Any change to what reaches the cluster shows
// up here in review (UPDATE_GOLDEN=1 rewrites the files).
import * as assert from "assert";
import { assertGolden, toYaml } from "../helpers/golden";
import { render } from "../helpers/render";
import { SCENARIOS } from "../helpers/scenarios";

describe("golden manifests per scenario", () => {
    for (const s of SCENARIOS) {
        it(`${s.name}: ${s.description}`, () => {
            const { manifests, warnings } = render(s.name, s.args);
            const golden = {
                scenario: s.name,
                plan: manifests.plan.summary,
                warnings,
                objects: manifests.children.map((c) => ({
                    role: c.role,
                    kind: c.kind,
                    ...(c.ignoreChanges && { ignoreChanges: c.ignoreChanges }),
                    ...(c.retainOnDelete && { retainOnDelete: true }),
                    manifest: c.manifest,
                })),
            };
            assertGolden(`manifests/${s.name}.yaml`, toYaml(golden));
        });
    }
});

describe("a failed analysis aborts the release (Argo's default, never softened)", () => {
    it("the check finds a dry-run metric where Argo reads one (AnalysisTemplate spec, the Rollout's analysis)", () => {
        const s = SCENARIOS.find((x) => x.name === "analysis-istio-presets")!;
        const manifests = structuredClone(render(s.name, s.args).manifests.children.map((c) => c.manifest)) as any[];
        const template = manifests.find((m) => m.kind === "AnalysisTemplate");
        template.spec.dryRun = [{ metricName: template.spec.metrics[0].name }];
        const rollout = manifests.find((m) => m.kind === "Rollout");
        rollout.spec.strategy.canary.analysis.dryRun = [{ metricNamePattern: ".*" }];
        assert.deepStrictEqual(dryRunPaths(manifests), [
            `${manifests.indexOf(template)}.spec.dryRun`,
            `${manifests.indexOf(rollout)}.spec.strategy.canary.analysis.dryRun`,
        ].sort());
    });

    for (const s of SCENARIOS.filter((x) => x.args.analysis)) {
        it(`${s.name}: no dry-run metric anywhere`, () => {
            const manifests = render(s.name, s.args).manifests.children.map((c) => c.manifest);
            assert.ok(manifests.some((m) => m.kind === "AnalysisTemplate"), "the scenario renders its analysis");
            assert.deepStrictEqual(dryRunPaths(manifests), []);
        });
    }
});

/** Where a `dryRun` field sits in the manifests (index.path), in Argo a list of metrics whose failure is only recorded. */
function dryRunPaths(value: unknown, at = ""): string[] {
    if (Array.isArray(value)) return value.flatMap((v, i) => dryRunPaths(v, at ? `${at}[${i}]` : String(i)));
    if (value === null || typeof value !== "object") return [];
    return Object.entries(value).flatMap(([k, v]) => {
        const here = `${at}.${k}`;
        return k === "dryRun" ? [here] : dryRunPaths(v, here);
    }).sort();
}
