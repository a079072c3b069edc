// The pack over the component's own output: every release scenario (tests/helpers/scenarios.ts),
// built by the component's pipeline, with every resource policy on each object and every stack
// policy on the whole release, as a stack in a mesh namespace would present it. The component's
// good output must pass the pack: a violation not listed in EXPECTED is a false positive of the
// pack or a defect of the builders.
import * as assert from "assert";
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { buildRelease } from "../../provider/src/build";
import { parseArgs } from "../../provider/src/parse";
import { resolve } from "../../provider/src/resolve";
import { policies } from "../../policy/src/pack";
import { SCENARIOS } from "../helpers/scenarios";
import { ResourceSpec, runResourcePolicy, runStackPolicy } from "./helpers/harness";
import { CANARY_DELIVERY } from "./helpers/manifests";

/** The Pulumi type token of a manifest, as @pulumi/kubernetes registers it. */
function typeOf(apiVersion: string, kind: string): string {
    return `kubernetes:${apiVersion.includes("/") ? apiVersion : `core/${apiVersion}`}:${kind}`;
}

function releaseResources(name: string, args: object): ResourceSpec[] {
    const parsed = parseArgs(name, args as never);
    const release = buildRelease(resolve(parsed.args, parsed.release));
    // The component as the engine records it: its inputs, and the live namespace labels of a mesh namespace.
    const component: ResourceSpec = { type: CANARY_DELIVERY, name, props: { ...args, namespaceLabels: { "istio-injection": "enabled" } } };
    const children = release.children.map((c): ResourceSpec => ({
        type: typeOf(String(c.manifest.apiVersion), c.kind === "DeploymentPatch" ? "DeploymentPatch" : String(c.manifest.kind)),
        name: `${name}-${c.role}`,
        props: JSON.parse(JSON.stringify(c.manifest)),
        parent: name,
    }));
    return [component, ...children];
}

/**
 * The advice the pack is meant to give on a scenario. canary-final-weight (advisory): these
 * releases have no analysis and a last stage below 100% that ends on a timed wait (or none), so the
 * controller's final jump to 100% has no gate at all; with analysis (the analysis-* scenarios) or a
 * manual gate at the end it stays silent.
 */
const EXPECTED: Record<string, string[]> = {
    "istio-host": ["canary-final-weight on istio-host-rollout"],
    "istio-routes": ["canary-final-weight on istio-routes-rollout"],
    "istio-existing-virtualservice": ["canary-final-weight on istio-existing-virtualservice-rollout"],
    "nginx-created-ingress": ["canary-final-weight on nginx-created-ingress-rollout"],
    "adopted-deployment-hand-back": ["canary-final-weight on adopted-deployment-hand-back-rollout"],
};

const isResourcePolicy = (p: unknown): p is ResourceValidationPolicy => (p as ResourceValidationPolicy).validateResource !== undefined;

describe("the policy pack over every release scenario the component builds", () => {
    for (const scenario of SCENARIOS) {
        const expected = EXPECTED[scenario.name] ?? [];
        it(`${scenario.name}: ${expected.length ? expected.map((e) => e.split(" on ")[0]).join(", ") + " (advisory, meant)" : "no violation"}`, async () => {
            const resources = releaseResources(scenario.name, scenario.args);
            const found: string[] = [];
            for (const policy of policies) {
                if (isResourcePolicy(policy)) {
                    for (const r of resources) {
                        const { messages } = await runResourcePolicy(policy, r);
                        found.push(...messages.map((m) => `${policy.name} on ${r.name}: ${m}`));
                    }
                } else {
                    const { messages } = await runStackPolicy(policy as StackValidationPolicy, resources);
                    found.push(...messages.map((m) => `${policy.name}: ${m}`));
                }
            }
            assert.deepStrictEqual(found.map((f) => f.split(":")[0]), expected, found.join("\n"));
        });
    }
});
