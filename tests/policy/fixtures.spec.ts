// The test manifests are what Argo Rollouts and Istio accept: each is validated against the
// OpenAPI schema of its CRD by the validator the component's goldens use (tests/helpers/crd-validator.ts:
// unknown fields are errors, since the API server would silently prune them). The CRDs are copied to
// .local/crds by `npm run bootstrap`; without them this spec fails, it does not skip.
import * as assert from "assert";
import { CrdValidator } from "../helpers/crd-validator";
import {
    Manifest,
    destinationRule,
    hostVirtualService,
    istioHostRollout,
    istioSubsetRollout,
    nginxRollout,
    subsetVirtualService,
} from "./helpers/manifests";

describe("policy test manifests against the CRD schemas", () => {
    let crds: CrdValidator;
    before(function () {
        // Compiling a CRD schema takes a few seconds while the machine is busy.
        this.timeout(120_000);
        try {
            crds = new CrdValidator();
        } catch (e) {
            throw new Error(
                `the Argo Rollouts and Istio CRDs are not in .local/crds and scripts/crds.sh could not copy them: run \`npm run bootstrap\` first (${(e as Error).message})`,
            );
        }
    });

    const check = (manifest: Manifest) => {
        assert.ok(crds.knows(manifest.apiVersion, manifest.kind), `no CRD for ${manifest.apiVersion} ${manifest.kind}`);
        const problems = crds.problems(manifest as { apiVersion: string; kind: string });
        assert.strictEqual(problems, "", `${manifest.kind} ${manifest.metadata.name}: ${problems}`);
    };

    const withEverything = () => {
        const r = istioHostRollout();
        const canary = r.spec.strategy.canary;
        canary.trafficRouting.managedRoutes = [{ name: "beta-users" }, { name: "mirror" }];
        canary.canaryMetadata = { labels: { role: "canary" } };
        canary.steps.unshift(
            { setHeaderRoute: { name: "beta-users", match: [{ headerName: "x-beta", headerValue: { exact: "true" } }] } },
            { setMirrorRoute: { name: "mirror", percentage: 10, match: [{ method: { exact: "GET" } }] } },
            { experiment: { duration: "10m", templates: [{ name: "exp", specRef: "canary", weight: 5, service: { name: "exp-svc" } }], analyses: [{ name: "compare", templateName: "success-rate" }] } },
            { setCanaryScale: { weight: 20 } },
            { analysis: { templates: [{ templateName: "latency", clusterScope: true }] } },
            { pause: {} },
        );
        return r;
    };

    for (const [label, build] of [
        ["Rollout, Istio host split", istioHostRollout],
        ["Rollout, Istio subset split", istioSubsetRollout],
        ["Rollout, Nginx", nginxRollout],
        ["Rollout with header, mirror, experiment, scale, analysis and pause steps", withEverything],
        ["VirtualService, host split", hostVirtualService],
        ["VirtualService, subset split", subsetVirtualService],
        ["DestinationRule", destinationRule],
    ] as [string, () => Manifest][]) {
        it(label, () => check(build()));
    }

    it("catches a misspelt field (the check has teeth)", () => {
        const r = istioHostRollout();
        r.spec.strategy.canary.steps[0] = { setWieght: 10 };
        assert.throws(() => check(r), /steps\/0 must NOT have additional properties .*setWieght/);
    });
});
