// Generated inputs (seeded, deterministic): every mutation of a valid scenario is either rejected
// with property paths or accepted with manifests; none crashes the parser or the builders.
import * as assert from "assert";
import { CrdValidator } from "../helpers/crd-validator";
import { acceptedReleases, DEFAULT_SEED, hasUnresolved, MutationResult, mutationResults, Outcome } from "../helpers/mutations";

const CUSTOM_KINDS = new Set(["Rollout", "AnalysisTemplate", "VirtualService", "DestinationRule"]);

const COUNT = 1500;

describe("generated inputs (mutations of the scenarios)", function () {
    this.timeout(60000);
    const results: MutationResult[] = [];
    before(() => {
        for (const r of mutationResults(DEFAULT_SEED, COUNT)) results.push(r);
        const counts: Record<Outcome, number> = { rejected: 0, accepted: 0, crash: 0 };
        for (const r of results) counts[r.outcome]++;
        console.log(`      mutations: tried ${results.length}, rejected ${counts.rejected}, accepted ${counts.accepted}, crashes ${counts.crash} (seed ${DEFAULT_SEED})`);
    });

    it(`tries ${COUNT} mutations`, () => assert.strictEqual(results.length, COUNT));

    it("none crashes", () => {
        const crashes = results.filter((r) => r.outcome === "crash");
        assert.deepStrictEqual(crashes.slice(0, 5).map((r) => `#${r.mutation.id} ${r.mutation.base}: ${r.mutation.description}\n${r.error}`), []);
    });

    it("every rejection names property paths", () => {
        for (const r of results.filter((x) => x.outcome === "rejected")) assert.ok(r.paths!.every((p) => p.length > 0), `#${r.mutation.id}`);
    });

    it("every accepted mutation has manifests, a Rollout among them", () => {
        for (const r of results.filter((x) => x.outcome === "accepted")) {
            assert.ok(r.manifests!.children.some((c) => c.kind === "Rollout"), `#${r.mutation.id} ${r.mutation.description}`);
        }
    });

    it("every accepted custom resource is valid against its CRD schema (those with unresolved Inputs are left to the dry-run)", () => {
        const crds = new CrdValidator();
        const invalid: string[] = [];
        let checked = 0;
        for (const r of results.filter((x) => x.outcome === "accepted")) {
            for (const c of r.manifests!.children.filter((x) => CUSTOM_KINDS.has(x.kind) && !hasUnresolved(x.manifest))) {
                checked++;
                const problems = crds.problems(c.manifest);
                if (problems) invalid.push(`#${r.mutation.id} ${r.mutation.base}: ${r.mutation.description}\n  ${c.kind}: ${problems}`);
            }
        }
        console.log(`      custom resources of accepted mutations checked against the CRDs: ${checked}, invalid ${invalid.length}`);
        assert.deepStrictEqual(invalid.slice(0, 5), []);
    });

    it("both outcomes occur (the mutations are neither all fatal nor all harmless)", () => {
        assert.ok(results.filter((r) => r.outcome === "rejected").length > COUNT / 4);
        assert.ok(results.filter((r) => r.outcome === "accepted").length > COUNT / 20);
    });

    it("the accepted releases can be collected for an API server dry-run", () => {
        const accepted = [...acceptedReleases(DEFAULT_SEED, 100)];
        assert.deepStrictEqual(accepted.map((a) => a.id), results.slice(0, 100).filter((r) => r.outcome === "accepted").map((r) => r.mutation.id));
        assert.ok(accepted.every((a) => a.objects.some((o) => o.kind === "Rollout")));
    });

    it("is deterministic: the same seed gives the same mutations and outcomes", () => {
        const again = [...mutationResults(DEFAULT_SEED, 200)];
        assert.deepStrictEqual(again.map((r) => [r.mutation.description, r.outcome]), results.slice(0, 200).map((r) => [r.mutation.description, r.outcome]));
    });
});
