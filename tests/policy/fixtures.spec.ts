// The test manifests are what Argo Rollouts and Istio accept: each is validated against the
// OpenAPI schema of its CRD (copied to .local/crds by `npm run bootstrap`; skipped before that).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import * as yaml from "js-yaml";
import {
    Manifest,
    destinationRule,
    hostVirtualService,
    istioHostRollout,
    istioSubsetRollout,
    nginxRollout,
    subsetVirtualService,
} from "./helpers/manifests";

const CRDS = path.resolve(__dirname, "../../.local/crds");

interface Crd {
    spec: { names: { kind: string }; versions: { name: string; schema: { openAPIV3Schema: object } }[] };
}

/**
 * The API server prunes unknown fields instead of rejecting them, so a misspelt field would pass
 * the CRD schema silently; closing every object that lists its properties catches it here.
 */
function closed(schema: unknown): unknown {
    if (Array.isArray(schema)) return schema.map(closed);
    if (typeof schema !== "object" || schema === null) return schema;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(schema)) out[k] = closed(v);
    if ("properties" in out && !("additionalProperties" in out) && !out["x-kubernetes-preserve-unknown-fields"]) {
        out.additionalProperties = false;
    }
    return out;
}

function loadCrds(): Crd[] {
    const files = [path.join(CRDS, "argo-rollouts/rollout-crd.yaml"), path.join(CRDS, "istio/crds.yaml")];
    return files.flatMap(f => yaml.loadAll(fs.readFileSync(f, "utf8")) as Crd[]).filter(d => d?.spec?.versions);
}

describe("policy test manifests against the CRD schemas", () => {
    let crds: Crd[] = [];
    before(function () {
        if (!fs.existsSync(path.join(CRDS, "argo-rollouts/rollout-crd.yaml"))) this.skip();
        crds = loadCrds();
    });

    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
    const validatorFor = (manifest: Manifest) => {
        const [group, version] = String(manifest.apiVersion).split("/");
        const crd = crds.find(c => c.spec.names.kind === manifest.kind && (c as unknown as { spec: { group: string } }).spec.group === group);
        assert.ok(crd, `no CRD for ${manifest.apiVersion} ${manifest.kind}`);
        const schema = crd!.spec.versions.find(v => v.name === version)!.schema.openAPIV3Schema;
        // Istio's schemas leave the object envelope to the API server.
        const root = closed(schema) as { properties: Record<string, unknown> };
        root.properties = { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { type: "object" }, ...root.properties };
        compiled.set(manifest.apiVersion + manifest.kind, ajv.compile(root));
        return compiled.get(manifest.apiVersion + manifest.kind)!;
    };
    const check = (manifest: Manifest) => {
        const validate = compiled.get(manifest.apiVersion + manifest.kind) ?? validatorFor(manifest);
        assert.ok(validate(manifest), `${manifest.kind} ${manifest.metadata.name}: ${ajv.errorsText(validate.errors)} ${JSON.stringify(validate.errors?.map(e => [e.instancePath, e.params]))}`);
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
        assert.throws(() => check(r), /must NOT have additional properties/);
    });
});
