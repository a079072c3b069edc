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
    for (const s of SCENARIOS.filter((x) => x.args.analysis)) {
        it(`${s.name}: no dry-run metric anywhere`, () => {
            const text = JSON.stringify(render(s.name, s.args).manifests.children.map((c) => c.manifest));
            assert.ok(!text.includes("dryRun"));
        });
    }
});
