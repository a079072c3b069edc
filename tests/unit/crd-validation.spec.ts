// Every Rollout, AnalysisTemplate, VirtualService and DestinationRule a scenario renders is valid
// against the real CRD schema (Argo Rollouts v1.9.1, istio.io/api v1.29.0), including unknown
// fields, which the API server would silently drop.
import * as assert from "assert";
import { CrdValidator, uncheckedCelRules } from "../helpers/crd-validator";
import { render } from "../helpers/render";
import { SCENARIOS } from "../helpers/scenarios";

const CUSTOM_KINDS = new Set(["Rollout", "AnalysisTemplate", "VirtualService", "DestinationRule"]);

describe("rendered custom resources against the real CRD schemas", () => {
    let crds: CrdValidator;
    before(function () {
        this.timeout(120000);
        crds = new CrdValidator();
    });

    for (const s of SCENARIOS) {
        it(`${s.name}: every custom resource is valid`, () => {
            const custom = render(s.name, s.args).manifests.children.filter((c) => CUSTOM_KINDS.has(c.kind));
            assert.ok(custom.length > 0);
            for (const child of custom) {
                assert.strictEqual(crds.problems(child.manifest), "", `${s.name} ${child.kind} ${child.role}`);
            }
        });
    }

    it("the validator rejects what the API server would reject or prune", () => {
        const rollout = render("replica-count", SCENARIOS[0].args).manifests.children.find((c) => c.kind === "Rollout")!.manifest;
        const broken = JSON.parse(JSON.stringify(rollout));
        broken.spec.strategy.canary.steps[0] = { setWeight: "ten" };
        broken.spec.strategy.canary.stepz = [];
        const problems = crds.problems(broken);
        assert.match(problems, /setWeight must be integer/);
        assert.match(problems, /stepz/);
    });

    it("the validator evaluates the Istio CEL rules (durations of at least 1ms)", () => {
        const vs = render("istio-host", SCENARIOS[1].args).manifests.children.find((c) => c.kind === "VirtualService")!.manifest;
        const broken = JSON.parse(JSON.stringify(vs));
        broken.spec.http[0].timeout = "0s";
        assert.match(crds.problems(broken), /duration/);
    });

    it("no CEL rule met on the way was left unchecked", () => {
        assert.deepStrictEqual([...uncheckedCelRules], []);
    });
});
