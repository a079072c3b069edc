// Every stack in examples/ (except examples/demo, the root demo's program) as a user runs it, on a
// local API server: `pulumi install` (the `packages:` entry generates and links the SDK from the
// provider), `pulumi preview`, `pulumi up`, the objects checked with kubectl, `pulumi destroy`.
// Each runs on a copy in a temp directory whose `packages:` entry points at the staged provider.
// The first preview runs the whole policy pack: an example is what users copy, so it must pass it.
import { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Cluster, kubectl } from "../../scripts/cluster/cluster";
import { repoRoot } from "../../scripts/paths";
import { cliEnv, runAsync, sharedStagedProvider } from "../../scripts/provider-plugin";
import { openStack } from "../../scripts/pulumi/workspace";
import {
    assertObjectsExist, assertObjectsGone, copyProject, registryRequirements, ReleaseObject, seedPythonVenv,
} from "../helpers/consumer-projects";
import { getObject, useCluster } from "../helpers/local-cluster";
import { usePulumiRun } from "../helpers/pulumi-run";

interface Example {
    dir: string;
    /** Kinds of the objects the component creates. */
    kinds: string[];
    /** Files `pulumi install` must leave as committed (the example is committed installed). */
    manifests: string[];
    /** The first preview's change summary: how many resources it creates (the stack, the component, its children). */
    creates: number;
    /** The component's plan output. */
    plan: string;
    /** The namespace the example releases into, when not "default": the suite creates it as the platform would. */
    namespace?: { name: string; labels: string[] };
    /** The policy pack's findings on the first preview (`<policy> <enforcement level>`); anything else fails. */
    violations: string[];
    check: (c: Cluster) => void;
}

/**
 * canary-final-weight (advisory) is meant on the examples that have neither analysis nor a manual
 * gate: the controller's jump from their last stage to 100% has no gate, which the advice says.
 */
const NO_GATE = ["canary-final-weight advisory"];

const EXAMPLES: Example[] = [
    {
        dir: "istio-analysis-typescript",
        kinds: ["AnalysisTemplate", "DestinationRule", "Rollout", "Service", "VirtualService"],
        manifests: ["package.json"],
        creates: 9,
        plan: "10% for 5m, 40% for 10m, 100%; background analysis from stage 2; full promotion after at least 15m",
        // A mesh namespace: without the injection label the pack's mandatory sidecar check fails the preview.
        namespace: { name: "shop", labels: ["istio-injection=enabled"] },
        violations: [],
        check: (c) => {
            const vs = getObject(c, "virtualservices.networking.istio.io", "shop", "shop");
            assert.deepStrictEqual(vs.spec.hosts, ["shop.example.com"]);
            const rollout = getObject(c, "rollouts.argoproj.io", "shop", "shop");
            assert.strictEqual(rollout.spec.replicas, 4);
            assert.ok(rollout.spec.strategy.canary.analysis, "background analysis");
        },
    },
    {
        // Issue 13: the Flagger tutorial's Canary, field by field (README "Coming from Flagger").
        dir: "flagger-tutorial-yaml",
        kinds: ["AnalysisTemplate", "DestinationRule", "HorizontalPodAutoscaler", "Rollout", "Service", "VirtualService"],
        manifests: [],
        creates: 11,
        plan: '10% for 1m, 20% for 1m, 30% for 1m, 40% for 1m, 50% for 1m, 100%; background analysis from stage 1; webhook gate "acceptance-test" before stage 1; full promotion after at least 5m',
        namespace: { name: "test", labels: ["istio-injection=enabled"] },
        violations: [],
        check: (c) => {
            const rollout = getObject(c, "rollouts.argoproj.io", "hello-world", "test");
            const weights = rollout.spec.strategy.canary.steps.filter((s: any) => s.setWeight !== undefined).map((s: any) => s.setWeight);
            assert.deepStrictEqual(weights, [10, 20, 30, 40, 50]);
            assert.deepStrictEqual(rollout.spec.strategy.canary.steps[0], {
                analysis: { templates: [{ templateName: "hello-world-gate-acceptance-test" }], args: rollout.spec.strategy.canary.steps[0].analysis.args },
            });
            const background = getObject(c, "analysistemplates.argoproj.io", "hello-world-background-analysis", "test");
            const loadTest = background.spec.metrics.find((m: any) => m.name === "load-test");
            assert.strictEqual(loadTest.provider.web.method, "POST");
            // threshold 5: four failures (and, for the webhook, four errors in a row) are tolerated.
            assert.deepStrictEqual([loadTest.failureLimit, loadTest.consecutiveErrorLimit], [4, 4]);
            assert.strictEqual(background.spec.metrics.find((m: any) => m.name === "success-rate").failureLimit, 4);
        },
    },
    {
        dir: "nginx-python",
        kinds: ["Ingress", "Rollout", "Service"],
        manifests: ["requirements.txt"],
        creates: 6,
        plan: '20% for 2m, 50% for 10m, 100%; requests with header x-canary = "always" go to the canary; full promotion after at least 12m',
        violations: NO_GATE,
        check: (c) => {
            const rollout = getObject(c, "rollouts.argoproj.io", "web");
            assert.strictEqual(rollout.spec.strategy.canary.trafficRouting.nginx.stableIngress, "web");
            assert.strictEqual(getObject(c, "ingresses.networking.k8s.io", "web").spec.rules[0].host, "web.example.com");
        },
    },
    {
        dir: "replica-count-go",
        kinds: ["Rollout", "Service"],
        manifests: ["go.mod", "go.sum"],
        creates: 4,
        plan: "20% for 5m, 60% until promoted, 100%; full promotion after at least 5m, plus 1 manual promotion at stage 2",
        violations: [],
        check: (c) => {
            const rollout = getObject(c, "rollouts.argoproj.io", "api");
            assert.strictEqual(rollout.spec.replicas, 5);
            assert.strictEqual(rollout.spec.strategy.canary.trafficRouting, undefined);
        },
    },
    {
        dir: "replica-count-yaml",
        kinds: ["HorizontalPodAutoscaler", "Rollout"],
        manifests: [],
        creates: 4,
        plan: "25% for 5m, 50% for 10m, 100%; full promotion after at least 15m",
        violations: NO_GATE,
        check: (c) => {
            const hpa = getObject(c, "horizontalpodautoscalers.autoscaling", "checkout");
            assert.strictEqual(hpa.spec.maxReplicas, 6);
        },
    },
];

const policyPack = path.join(repoRoot, "policy");

describe("examples/ on a local API server (real CLI, provider plugin)", function () {
    this.timeout(900_000);
    // With nodes and the Argo controller: the examples follow their first release to Healthy.
    const cluster = useCluster("examples-it", { nodes: true, argo: true });
    const { stateDir, capture } = usePulumiRun();
    const workRoot = fs.mkdtempSync(path.join(stateDir, "..", "canary-examples-"));
    after(() => fs.rmSync(workRoot, { recursive: true, force: true }));

    it("covers every example directory", () => {
        const dirs = fs.readdirSync(path.join(repoRoot, "examples"), { withFileTypes: true })
            // demo is the demo stack's program; pr-report is a CI workflow, not a stack.
            .filter((d) => d.isDirectory() && d.name !== "demo" && d.name !== "pr-report").map((d) => d.name).sort();
        assert.deepStrictEqual(dirs, EXAMPLES.map((e) => e.dir).sort());
    });

    for (const example of EXAMPLES) {
        describe(example.dir, () => {
            const source = path.join(repoRoot, "examples", example.dir);
            const dir = path.join(workRoot, example.dir);
            let stack: Stack;
            let objects: ReleaseObject[] = [];
            let started = 0;
            before(() => { started = Date.now(); });
            after(() => process.stderr.write(`      (${example.dir}: ${((Date.now() - started) / 1000).toFixed(1)}s)\n`));

            it("pulumi install generates and links the SDK, leaving the committed manifests as they are", async () => {
                copyProject(source, dir, sharedStagedProvider().dir);
                if (fs.existsSync(path.join(dir, "requirements.txt"))) {
                    seedPythonVenv(dir, registryRequirements(path.join(dir, "requirements.txt")));
                }
                await runAsync("pulumi", ["install"], { cwd: dir, env: cliEnv(stateDir), onOutput: capture });
                for (const f of example.manifests) {
                    assert.strictEqual(fs.readFileSync(path.join(dir, f), "utf8"), fs.readFileSync(path.join(source, f), "utf8"),
                        `pulumi install changed examples/${example.dir}/${f}: commit the installed version`);
                }
            });

            it(`pulumi preview plans the release and the policy pack finds ${example.violations.join(", ") || "nothing"}`, async () => {
                if (example.namespace) {
                    kubectl(cluster.current(), ["create", "namespace", example.namespace.name]);
                    kubectl(cluster.current(), ["label", "namespace", example.namespace.name, ...example.namespace.labels]);
                }
                stack = await openStack({ workDir: dir, stackName: "it", stateDir, kubeconfig: cluster.current().kubeconfig });
                const events: EngineEvent[] = [];
                const preview = await stack.preview({ policyPacks: [policyPack], onOutput: capture, onEvent: (e) => events.push(e) });
                assert.deepStrictEqual(preview.changeSummary, { create: example.creates });
                const found = events.flatMap((e) => e.policyEvent ? [e.policyEvent] : []);
                assert.match(preview.stdout, /canary-delivery@v\d/, "the pack ran");
                assert.deepStrictEqual(found.map((p) => `${p.policyName} ${p.enforcementLevel}`), example.violations,
                    found.map((p) => `${p.policyName}: ${p.message}`).join("\n"));
            });

            it("pulumi up creates the objects on the API server", async () => {
                const res = await stack.up({ onOutput: capture });
                assert.strictEqual(res.summary.result, "succeeded");
                // Python exports the SDK's output objects with Python names (managed_by).
                objects = (res.outputs.objects.value as any[])
                    .map((o) => ({ ...o, managedBy: o.managedBy ?? o.managed_by, namespace: example.namespace?.name }));
                assert.deepStrictEqual(assertObjectsExist(cluster.current(), objects), example.kinds);
                assert.strictEqual(res.outputs.plan.value, example.plan);
                example.check(cluster.current());
            });

            it("pulumi destroy removes them", async () => {
                const res = await stack.destroy({ onOutput: capture });
                assert.strictEqual(res.summary.result, "succeeded");
                assertObjectsGone(cluster.current(), objects);
            });
        });
    }
});
