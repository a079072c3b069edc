// The component under pulumi.runtime.setMocks: what it registers (types, names, parents, options),
// what it outputs, and that invalid arguments register nothing at all.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { RecordedOptions, recordOptions, registrations, resetRegistrations, valueOf } from "../helpers/mocks";
import { CanaryDelivery, CanaryDeliveryArgs } from "../../provider/src";
import type { Connect } from "../../provider/src/live";
import { KubeError } from "../../provider/src/live/client";
import { render } from "../helpers/render";
import { scenario, SCENARIOS } from "../helpers/scenarios";
import { ingressPath, ingressTo, memoryCluster, serviceBy, servicePath } from "../helpers/memory-cluster";

const COMPONENT_TYPE = "canary-delivery:index:CanaryDelivery";
const TYPE_OF_KIND: Record<string, string> = {
    Rollout: "kubernetes:argoproj.io/v1alpha1:Rollout",
    AnalysisTemplate: "kubernetes:argoproj.io/v1alpha1:AnalysisTemplate",
    VirtualService: "kubernetes:networking.istio.io/v1:VirtualService",
    DestinationRule: "kubernetes:networking.istio.io/v1:DestinationRule",
    HTTPRoute: "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute",
    Service: "kubernetes:core/v1:Service",
    Ingress: "kubernetes:networking.k8s.io/v1:Ingress",
    HorizontalPodAutoscaler: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
    Secret: "kubernetes:core/v1:Secret",
    DeploymentPatch: "kubernetes:apps/v1:DeploymentPatch",
};

interface Created {
    component: CanaryDelivery;
    options: RecordedOptions[];
}

/**
 * The live read's cluster, in memory: no Rollout before the update, then one the controller has
 * fully promoted (so the follow after the update ends at once). It records every GET, so a test
 * sees what the component read, and nothing under mocks touches a network.
 */
function fakeCluster() {
    const gets: string[] = [];
    let rolloutReads = 0;
    const connect: Connect = async () => ({
        defaultNamespace: "default",
        server: "https://fake.invalid",
        async get<T>(path: string): Promise<T | undefined> {
            gets.push(path);
            if (/\/rollouts\/[^/]+$/.test(path)) {
                rolloutReads += 1;
                if (rolloutReads === 1) return undefined;
                return { metadata: { generation: 1 }, status: { observedGeneration: "1", phase: "Healthy", stableRS: "abc", currentPodHash: "abc", currentStepIndex: 3 } } as T;
            }
            if (/\/namespaces\/[^/]+$/.test(path)) return { metadata: { labels: { "istio-injection": "enabled" } } } as T;
            return undefined;
        },
        async mergePatch<T>(): Promise<T> {
            throw new Error("the fake cluster takes no patches");
        },
    });
    return { connect, gets };
}

let cluster = fakeCluster();

/** Creates the component and waits until the mocks have seen every registration. */
async function create(name: string, args: CanaryDeliveryArgs): Promise<Created> {
    const options: RecordedOptions[] = [];
    const component = new CanaryDelivery(name, args, { transformations: [recordOptions(options)] }, { connect: cluster.connect });
    await valueOf(component.urn);
    await Promise.all(options.map((o) => valueOf(o.resource!.urn)));
    await valueOf(component.plan);
    return { component, options: options.filter((o) => o.type !== COMPONENT_TYPE) };
}

describe("CanaryDelivery under mocks", () => {
    beforeEach(() => {
        resetRegistrations();
        cluster = fakeCluster();
    });

    for (const s of SCENARIOS) {
        it(`${s.name}: registers every child with its type, ${"${name}-${role}"} name, parent and options`, async () => {
            const expected = render(s.name, s.args).manifests.children;
            const { component, options } = await create(s.name, s.args);

            const component_ = registrations.filter((r) => r.type === COMPONENT_TYPE);
            assert.deepStrictEqual(component_.map((r) => r.name), [s.name]);
            // The monitor sees registrations in the order their inputs resolve: compare as sets.
            const children = registrations.filter((r) => r.type !== COMPONENT_TYPE);
            assert.deepStrictEqual(
                children.map((r) => `${r.type} ${r.name}`).sort(),
                expected.map((c) => `${TYPE_OF_KIND[c.kind]} ${s.name}-${c.role}`).sort(),
            );
            for (const o of options) assert.strictEqual(o.parent, component, `${o.name} has the component as parent`);

            for (const child of expected) {
                const o = options.find((x) => x.name === `${s.name}-${child.role}`)!;
                assert.deepStrictEqual(o.ignoreChanges, child.ignoreChanges, `${o.name} ignoreChanges`);
                assert.strictEqual(o.retainOnDelete, child.retainOnDelete, `${o.name} retainOnDelete`);
            }
            const rolloutIndex = expected.findIndex((c) => c.kind === "Rollout");
            const rollout = options.find((o) => o.name === `${s.name}-rollout`)!;
            assert.deepStrictEqual(
                (await rollout.dependsOn).map((d) => options.find((o) => o.resource === d)!.name),
                expected.slice(0, rolloutIndex).map((c) => `${s.name}-${c.role}`),
                "the Rollout waits for what it references",
            );
            for (const after of expected.slice(rolloutIndex + 1)) {
                const o = options.find((x) => x.name === `${s.name}-${after.role}`)!;
                assert.deepStrictEqual(await o.dependsOn, [rollout.resource], `${o.name} waits for the Rollout`);
            }
        });
    }

    describe("invalid arguments", () => {
        it("register no resource, not even the component, and throw every problem at once", () => {
            let thrown: unknown;
            try {
                new CanaryDelivery("bad", { template: { image: "x" }, istio: {}, nginx: {}, steps: [{ weight: 150 }] });
            } catch (err) {
                thrown = err;
            }
            assert.ok(pulumi.InputPropertiesError.isInstance(thrown));
            assert.deepStrictEqual((thrown as pulumi.InputPropertiesError).errors.map((e) => e.propertyPath), ["nginx", "steps[0].weight"]);
            assert.deepStrictEqual(registrations, []);
        });

        it("register nothing when a getter throws or a map has a reserved key: problems, not a crash", () => {
            const args = {
                template: { image: "nginx:1.27", labels: JSON.parse('{"constructor": "x"}') },
                steps: [{ weight: 10 }],
                get replicas(): number { throw new Error("boom"); },
            };
            assert.throws(() => new CanaryDelivery("bad", args as never), (err: unknown) =>
                pulumi.InputPropertiesError.isInstance(err) && err.errors.map((e) => e.propertyPath).join(",") === "replicas,template.labels.constructor");
            assert.deepStrictEqual(registrations, []);
        });

        it("register nothing when the release name derived from the resource name is invalid", () => {
            assert.throws(() => new CanaryDelivery("Checkout_Service", { template: { image: "x" }, steps: [] }), /releaseName: defaults to the resource name/);
            assert.deepStrictEqual(registrations, []);
        });
    });

    describe("outputs", () => {
        it("names every child object and who manages it", async () => {
            const { component } = await create("shop", scenario("analysis-custom-metrics").args);
            assert.strictEqual(await valueOf(component.rolloutName), "shop");
            assert.strictEqual(await valueOf(component.namespace), "shop");
            assert.strictEqual(await valueOf(component.stableServiceName), "shop-stable");
            assert.strictEqual(await valueOf(component.canaryServiceName), "shop-canary");
            assert.strictEqual(await valueOf(component.serviceName), undefined);
            assert.strictEqual(await valueOf(component.virtualServiceName), "shop");
            assert.deepStrictEqual(await valueOf(component.analysisTemplateNames), ["shop-background-analysis", "shop-step-analysis"]);
            assert.strictEqual(await valueOf(component.analysisSecretName), "shop-analysis-auth");
            assert.deepStrictEqual(await valueOf(component.objects), [
                { kind: "Service", name: "shop-stable", managedBy: "component" },
                { kind: "Service", name: "shop-canary", managedBy: "component" },
                { kind: "VirtualService", name: "shop", managedBy: "component" },
                { kind: "Secret", name: "shop-analysis-auth", managedBy: "component" },
                { kind: "AnalysisTemplate", name: "shop-background-analysis", managedBy: "component" },
                { kind: "AnalysisTemplate", name: "shop-step-analysis", managedBy: "component" },
                { kind: "Rollout", name: "shop", managedBy: "component" },
            ]);
        });

        it("reports objects the controller creates and objects it drives", async () => {
            const { component } = await create("shop", scenario("nginx-existing-ingress").args);
            assert.strictEqual(await valueOf(component.ingressName), "shop-public");
            assert.strictEqual(await valueOf(component.canaryIngressName), "shop-shop-public-canary");
            const objects = await valueOf(component.objects);
            assert.deepStrictEqual(objects.filter((o) => o.managedBy !== "component"), [
                { kind: "Ingress", name: "shop-shop-public-canary", managedBy: "controller" },
                { kind: "Ingress", name: "shop-public", managedBy: "user" },
            ]);
        });

        it("drives the user's existing Service: no stable Service created, the output and objects name it as the user's", async () => {
            const { component } = await create("shop", scenario("nginx-existing-service").args);
            assert.strictEqual(await valueOf(component.stableServiceName), "web");
            assert.strictEqual(await valueOf(component.canaryServiceName), "shop-canary");
            assert.ok(!registrations.some((r) => r.name === "shop-stable-service"), "no stable Service is registered");
            assert.deepStrictEqual((await valueOf(component.objects)).filter((o) => o.kind !== "Rollout"), [
                { kind: "Service", name: "shop-canary", managedBy: "component" },
                { kind: "Ingress", name: "shop-web-canary", managedBy: "controller" },
                { kind: "Ingress", name: "web", managedBy: "user" },
                { kind: "Service", name: "web", managedBy: "user" },
            ]);
            // The check read the user's Ingress and Service, and the canary Service it would create.
            for (const path of [ingressPath("shop", "web"), servicePath("shop", "web"), servicePath("shop", "shop-canary")]) {
                assert.ok(cluster.gets.includes(path), `${path} read; got ${cluster.gets.join(", ")}`);
            }
        });

        it("the plan and its stages", async () => {
            const { component } = await create("shop", scenario("analysis-nginx-presets").args);
            assert.strictEqual(await valueOf(component.plan), "10% for 5m, analysis, 50% until promoted, 100%; full promotion after at least 9m30s, plus 1 manual promotion at stage 2");
            assert.deepStrictEqual(await valueOf(component.planStages), ["10% for 5m, analysis", "50% until promoted", "100% (full promotion after at least 9m30s, plus 1 manual promotion at stage 2)"]);
        });

        it("reads the live release through the injected cluster: none before the update, promoted after the follow", async () => {
            const { component } = await create("shop", scenario("replica-count").args);
            const status = await valueOf(component.status);
            assert.strictEqual(status.known, true);
            assert.strictEqual(status.fullyPromoted, true);
            assert.match(await valueOf(component.changeImpact), /first release|new release|creates/);
            assert.deepStrictEqual(await valueOf(component.namespaceLabels), { "istio-injection": "enabled" });
            assert.ok(cluster.gets.includes("/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts/shop"), cluster.gets.join("\n"));
        });

        it("releases of one namespace share one Rollout LIST and one namespace GET in a run; a refused LIST falls back to a GET each", async () => {
            const base = { template: { image: "shop:1" }, namespace: "shop", steps: [{ weight: 20 }] };
            const live = { metadata: { name: "a", generation: 1 }, spec: { template: { spec: { containers: [{ name: "a", image: "shop:1" }] } } }, status: { observedGeneration: "1", phase: "Healthy", stableRS: "h", currentPodHash: "h" } };
            const listed = memoryCluster({ "/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts": { items: [live] }, "/api/v1/namespaces/shop": { metadata: { labels: {} } } });
            const changes: Promise<string>[] = [];
            for (const name of ["a", "b", "c"]) {
                const c = new CanaryDelivery(name, { ...base, delivery: { wait: false } }, {}, { connect: listed.connect });
                changes.push(valueOf(c.changeImpact));
                await valueOf(c.namespaceLabels);
            }
            const [a, b] = await Promise.all(changes);
            assert.doesNotMatch(a, /first release/, `a was read from the LIST: it exists (${a})`);
            assert.match(b, /first release/, "b is not in the LIST: a first release");
            assert.deepStrictEqual(listed.gets.filter((g) => g.includes("/rollouts") || g === "/api/v1/namespaces/shop").sort(),
                ["/api/v1/namespaces/shop", "/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts"]);

            const refused = memoryCluster({}, { forbidden: /\/rollouts$/ });
            for (const name of ["a", "b"]) {
                const c = new CanaryDelivery(name, { ...base, delivery: { wait: false } }, {}, { connect: refused.connect });
                await valueOf(c.changeImpact);
            }
            assert.deepStrictEqual(refused.gets.filter((g) => g.includes("/rollouts")), [
                "/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts",
                "/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts/a",
                "/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts/b",
            ]);

            // A fresh API server answers a LIST (served from its watch cache) with 429 while the cache initializes, not a GET.
            const initializing = memoryCluster({ "/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts/a": live });
            const gets: string[] = [];
            const connect: Connect = async (t) => {
                const client = await initializing.connect(t);
                return { ...client, get: async <T>(path: string) => {
                    gets.push(path);
                    if (path.endsWith("/rollouts")) throw new KubeError("storage is (re)initializing (HTTP 429)", 429);
                    return client.get<T>(path);
                } };
            };
            const c = new CanaryDelivery("a", { ...base, delivery: { wait: false } }, {}, { connect });
            const impact = await valueOf(c.changeImpact);
            assert.doesNotMatch(impact, /unknown|first release/, impact);
            assert.deepStrictEqual(gets.filter((g) => g.includes("/rollouts")), ["/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts", "/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts/a"]);
        });

        it("warns about a long release name on the component", async () => {
            const logged: string[] = [];
            const original = pulumi.log.warn;
            (pulumi.log as { warn: typeof pulumi.log.warn }).warn = (msg: string) => {
                logged.push(msg);
                return Promise.resolve();
            };
            try {
                await create("shop", { releaseName: "a".repeat(50), template: { image: "x" }, steps: [] });
            } finally {
                (pulumi.log as { warn: typeof pulumi.log.warn }).warn = original;
            }
            assert.match(logged.join("\n"), /lose part of the pod template hash/);
        });
    });

    describe("checks against the live cluster, before anything is applied", () => {
        /** Creates the component on `objects` and collects what fails the program (unhandled, as the SDK reports it). */
        async function createFailing(name: string, args: CanaryDeliveryArgs, objects: Record<string, object>): Promise<unknown[]> {
            const failures: unknown[] = [];
            const mochas = process.listeners("unhandledRejection");
            process.removeAllListeners("unhandledRejection");
            process.on("unhandledRejection", (err) => failures.push(err));
            try {
                const component = new CanaryDelivery(name, args, {}, { connect: memoryCluster(objects).connect });
                await valueOf(component.urn);
                for (let i = 0; i < 100 && failures.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
                await new Promise((r) => setTimeout(r, 50));
            } finally {
                process.removeAllListeners("unhandledRejection");
                for (const l of mochas) process.on("unhandledRejection", l);
            }
            return failures;
        }

        it("an existing Ingress that routes elsewhere fails the component, and no child is registered", async () => {
            const failures = await createFailing("shop", scenario("nginx-existing-service").args, {
                [ingressPath("shop", "web")]: ingressTo("web-v2"),
                [servicePath("shop", "web")]: serviceBy("kubectl-client-side-apply"),
            });
            assert.ok(failures.length > 0, "the program fails");
            const messages = [...new Set(failures.map((f) => (f as Error).message))];
            assert.strictEqual(messages.length, 1, messages.join("\n---\n"));
            assert.ok(failures.every((f) => pulumi.ResourceError.isInstance(f)), "a ResourceError on the component");
            assert.match(messages[0], /^Rollout shop: the cluster shows this release would break; none of its objects is applied:\n  - nginx.stableService: Ingress "web" \(nginx.stableIngress\) routes to Service "web-v2", not to "web"/);
            assert.deepStrictEqual(registrations.map((r) => r.type), [COMPONENT_TYPE], "only the component itself");
        });

        it("a Service to create that is someone else's fails the component before anything is registered", async () => {
            const failures = await createFailing("shop", { ...scenario("nginx-existing-ingress").args, service: { stableName: "web" } }, {
                [ingressPath("shop", "shop-public")]: ingressTo("web"),
                [servicePath("shop", "web")]: serviceBy("kubectl-client-side-apply"),
            });
            assert.match((failures[0] as Error).message, /service\.stableName: the stable Service "web" already exists in namespace "shop" and no Pulumi program manages it.*set nginx.stableService: "web"/);
            assert.deepStrictEqual(registrations.map((r) => r.type), [COMPONENT_TYPE]);
        });

        it("an Ingress not there yet is a warning on the component, and the release registers", async () => {
            const logged: string[] = [];
            const original = pulumi.log.warn;
            (pulumi.log as { warn: typeof pulumi.log.warn }).warn = (msg: string) => {
                logged.push(msg);
                return Promise.resolve();
            };
            try {
                await create("shop", scenario("nginx-existing-service").args);
            } finally {
                (pulumi.log as { warn: typeof pulumi.log.warn }).warn = original;
            }
            assert.match(logged.join("\n"), /Ingress "web" \(nginx.stableIngress\) does not exist in namespace "shop" yet/);
            assert.ok(registrations.some((r) => r.name === "shop-rollout"));
        });
    });

    describe("Inputs and secrets", () => {
        it("passes Outputs from other resources through (image, namespace, labels)", async () => {
            await create("shop", {
                namespace: pulumi.output("team-ns"),
                labels: pulumi.output({ team: "payments" }),
                template: { image: pulumi.output("ghcr.io/acme/shop:2.0") },
                istio: {},
                steps: [{ weight: 10 }],
            });
            const rollout = registrations.find((r) => r.name === "shop-rollout")!.inputs as {
                metadata: { namespace: string; labels: Record<string, string> };
                spec: { template: { spec: { containers: { image: string }[] } } };
            };
            assert.strictEqual(rollout.metadata.namespace, "team-ns");
            assert.deepStrictEqual(rollout.metadata.labels, { team: "payments" });
            assert.strictEqual(rollout.spec.template.spec.containers[0].image, "ghcr.io/acme/shop:2.0");
            const service = registrations.find((r) => r.name === "shop-stable-service")!.inputs as { metadata: { annotations: Record<string, string> } };
            assert.deepStrictEqual(service.metadata.annotations, { "pulumi.com/skipAwait": "true" });
        });

        it("merges annotations that are an Output with the component's own", async () => {
            await create("shop", { annotations: pulumi.output({ owner: "payments" }), template: { image: "x" }, nginx: {}, steps: [{ weight: 10 }] });
            const ingress = registrations.find((r) => r.name === "shop-ingress")!.inputs as { metadata: { annotations: Record<string, string> } };
            assert.deepStrictEqual(ingress.metadata.annotations, { owner: "payments", "pulumi.com/skipAwait": "true" });
        });

        it("keeps Prometheus header values secret, in a Secret, out of the AnalysisTemplate", async () => {
            await create("shop", scenario("analysis-custom-metrics").args);
            const secret = registrations.find((r) => r.name === "shop-analysis-secret")!.inputs as { stringData: unknown };
            // The RPC layer lifts a nested secret to its enclosing object: all of stringData is secret.
            assert.ok(pulumi.runtime.isRpcSecret(secret.stringData), "stringData is secret");
            assert.deepStrictEqual(pulumi.runtime.unwrapRpcSecret(secret.stringData), { "header-0": "Bearer not-a-real-token" });
            const templates = registrations.filter((r) => r.type === TYPE_OF_KIND.AnalysisTemplate);
            for (const t of templates) assert.ok(!JSON.stringify(t.inputs).includes("not-a-real-token"), `${t.name} holds no credential`);
        });
    });
});

