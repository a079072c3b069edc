// The Nginx router's checks against the live cluster before anything is applied: an existing
// Ingress must route to the stable Service the Rollout names (else Argo's InvalidSpec at run time),
// and a Service the component would create must not be someone else's (a takeover). Judged on
// objects of an in-memory cluster; a read that fails skips the check and says why.
import * as assert from "assert";
import type { CanaryDeliveryArgs } from "../../provider/src/args";
import { managedByPulumi } from "../../provider/src/core/live-object";
import { runLiveCheck } from "../../provider/src/live/checks";
import type { ClusterChoice } from "../../provider/src/live/cluster";
import { routingFor } from "../../provider/src/routers";
import { ingressPath, ingressTo, memoryCluster, serviceBy, servicePath } from "../helpers/memory-cluster";
import { render } from "../helpers/render";

const choice: ClusterChoice = { known: true, target: {}, via: "test" };
const base: CanaryDeliveryArgs = { namespace: "shop", template: { image: "ghcr.io/acme/shop:1.0" }, steps: [{ weight: 20, pause: "" }] };

function checkOf(args: Partial<CanaryDeliveryArgs>) {
    const { resolved } = render("shop", { ...base, ...args });
    return routingFor(resolved).liveCheck?.(resolved, resolved.traffic);
}

async function run(args: Partial<CanaryDeliveryArgs>, objects: Record<string, object>, options = {}) {
    const check = checkOf(args);
    assert.ok(check, "the router has a live check");
    const cluster = memoryCluster(objects, options);
    return { outcome: await runLiveCheck(check, choice, "shop", cluster.connect), gets: cluster.gets };
}

const existing = { nginx: { stableIngress: "web", stableService: "web" } };

describe("live checks of the nginx router, before anything is applied", () => {
    it("passes an existing Ingress that routes to the existing Service, reading the Ingress and both Services", async () => {
        const { outcome, gets } = await run(existing, { [ingressPath("shop", "web")]: ingressTo("web"), [servicePath("shop", "web")]: serviceBy("kubectl-client-side-apply") });
        assert.deepStrictEqual(outcome, { checked: true, errors: [], warnings: [] });
        assert.deepStrictEqual(gets.sort(), [ingressPath("shop", "web"), servicePath("shop", "shop-canary"), servicePath("shop", "web")].sort());
    });

    it("fails an Ingress that routes elsewhere than nginx.stableService, naming its Services and the fix", async () => {
        const { outcome } = await run(existing, { [ingressPath("shop", "web")]: ingressTo("web-v2"), [servicePath("shop", "web")]: serviceBy("kubectl") });
        assert.ok(outcome.checked);
        assert.deepStrictEqual(outcome.errors, [
            'nginx.stableService: Ingress "web" (nginx.stableIngress) routes to Service "web-v2", not to "web" (nginx.stableService), ' +
                "so Argo would reject the Rollout (InvalidSpec: ingress 'web' has no rules using service web backend). " +
                'Set nginx.stableService: "web-v2", or add a rule with backend "web" to the Ingress.',
        ]);
    });

    it("fails an existing Ingress that does not route to the stable Service the component creates, pointing at nginx.stableService", async () => {
        const { outcome } = await run({ nginx: { stableIngress: "web" } }, { [ingressPath("shop", "web")]: ingressTo("web") });
        assert.ok(outcome.checked);
        assert.strictEqual(outcome.errors.length, 1);
        assert.match(outcome.errors[0], /^nginx\.stableIngress: Ingress "web" routes to Service "web", not to "shop-stable", the stable Service the component creates/);
        assert.match(outcome.errors[0], /Set nginx.stableService: "web" to drive the Service the Ingress routes to \(the component then creates no stable Service\)/);
    });

    it("passes an existing Ingress that routes to the created stable Service", async () => {
        const { outcome } = await run({ nginx: { stableIngress: "web" } }, { [ingressPath("shop", "web")]: ingressTo("shop-stable") });
        assert.deepStrictEqual(outcome, { checked: true, errors: [], warnings: [] });
    });

    it("a defaultBackend is not a rule: Argo looks only at the rules' backends", async () => {
        const ingress = { spec: { defaultBackend: { service: { name: "web", port: { number: 80 } } } } };
        const { outcome } = await run(existing, { [ingressPath("shop", "web")]: ingress, [servicePath("shop", "web")]: serviceBy("kubectl") });
        assert.ok(outcome.checked);
        assert.match(outcome.errors[0], /Ingress "web" \(nginx.stableIngress\) has no rule with a Service backend, so none with "web" \(nginx.stableService\) \(its defaultBackend is "web", but Argo looks only at the rules' backends\)/);
    });

    it("lists every Service of the Ingress's rules", async () => {
        const ingress = { spec: { rules: [{ http: { paths: [{ backend: { service: { name: "a" } } }, { backend: { service: { name: "b" } } }] } }, { host: "x" }] } };
        const { outcome } = await run(existing, { [ingressPath("shop", "web")]: ingress, [servicePath("shop", "web")]: serviceBy("kubectl") });
        assert.ok(outcome.checked);
        assert.match(outcome.errors[0], /routes to Services "a" and "b", not to "web".*Set nginx.stableService to the Service of the Ingress's rules/);
    });

    it("fails the user's Service when it selects other pods than the release's (it would select none once Argo adds the hash)", async () => {
        const { outcome } = await run(existing, { [ingressPath("shop", "web")]: ingressTo("web"), [servicePath("shop", "web")]: serviceBy("kubectl", { app: "web" }) });
        assert.ok(outcome.checked);
        assert.deepStrictEqual(outcome.errors, [
            'nginx.stableService: Service "web" selects app=web, but the release\'s pods are labelled app=shop: once Argo adds the pod hash to its selector ' +
                "it selects no pod and the Ingress's traffic reaches none. Give the pods the labels the Service selects (template.labels; `app` is the releaseName), or change the Service's selector.",
        ]);
        const selected = { metadata: { managedFields: [{ manager: "kubectl" }] }, spec: { selector: { app: "shop", tier: "web", "rollouts-pod-template-hash": "abc" } } };
        const labelled = await run({ ...existing, template: { image: "x", labels: { tier: "web" } } }, { [ingressPath("shop", "web")]: ingressTo("web"), [servicePath("shop", "web")]: selected });
        assert.deepStrictEqual(labelled.outcome, { checked: true, errors: [], warnings: [] });
    });

    it("warns of an Ingress and a Service that do not exist yet (the program may create them)", async () => {
        const { outcome } = await run(existing, {});
        assert.deepStrictEqual(outcome, {
            checked: true,
            errors: [],
            warnings: [
                'Ingress "web" (nginx.stableIngress) does not exist in namespace "shop" yet: Argo needs it, with a rule whose backend is the stable Service "web", before the release starts (fine if this program creates it).',
                'Service "web" (nginx.stableService) does not exist in namespace "shop" yet: Argo drives it as the stable Service and fails the Rollout without it (fine if this program creates it).',
            ],
        });
    });

    it("fails a stable Service to create that exists and no Pulumi program wrote: a takeover, use nginx.stableService", async () => {
        const { outcome } = await run({ nginx: { stableIngress: "web" }, service: { stableName: "web" } }, {
            [ingressPath("shop", "web")]: ingressTo("web"),
            [servicePath("shop", "web")]: serviceBy("kubectl-client-side-apply"),
        });
        assert.ok(outcome.checked);
        assert.deepStrictEqual(outcome.errors, [
            'service.stableName: the stable Service "web" already exists in namespace "shop" and no Pulumi program manages it (written by kubectl-client-side-apply); ' +
                "creating it would take it over (two writers) and deleting the release would delete it. " +
                'To drive an existing Service, set nginx.stableService: "web" (with nginx.stableIngress) instead of service.stableName; else name the stable Service with service.stableName so that no Service uses it yet.',
        ]);
    });

    it("fails a canary Service to create that exists and is someone else's, naming where its name comes from", async () => {
        const named = await run({ nginx: {}, service: { canaryName: "web" } }, { [servicePath("shop", "web")]: serviceBy("helm") });
        assert.ok(named.outcome.checked);
        assert.match(named.outcome.errors[0], /^service\.canaryName: the canary Service "web" already exists .*written by helm.*set service.canaryName to a name no Service uses/);
        const defaulted = await run({ nginx: {} }, { [servicePath("shop", "shop-canary")]: serviceBy("kubectl") });
        assert.ok(defaulted.outcome.checked);
        assert.match(defaulted.outcome.errors[0], /^releaseName \(the default <releaseName>-canary\): the canary Service "shop-canary" already exists/);
    });

    it("passes Services a Pulumi program wrote (the stack's own, from an earlier update)", async () => {
        const { outcome, gets } = await run({ nginx: {} }, {
            [servicePath("shop", "shop-stable")]: serviceBy("pulumi-kubernetes-6f1a2b3c"),
            [servicePath("shop", "shop-canary")]: serviceBy("pulumi-kubernetes"),
        });
        assert.deepStrictEqual(outcome, { checked: true, errors: [], warnings: [] });
        assert.deepStrictEqual(gets.sort(), [servicePath("shop", "shop-canary"), servicePath("shop", "shop-stable")], "a created Ingress is not read");
    });

    it("a forbidden or failed read skips the check, saying why", async () => {
        const { outcome } = await run(existing, {}, { forbidden: /ingresses/ });
        assert.deepStrictEqual(outcome, { checked: false, reason: "/apis/networking.k8s.io/v1/namespaces/shop/ingresses/web is forbidden: User \"ci\" cannot get this resource (HTTP 403)" });
        const unknown = await runLiveCheck(checkOf(existing)!, { known: false, reason: "the provider is not created yet" }, "shop");
        assert.deepStrictEqual(unknown, { checked: false, reason: "the provider is not created yet" });
    });

    it("other routers check nothing", () => {
        assert.strictEqual(checkOf({ istio: {} }), undefined);
        assert.strictEqual(checkOf({}), undefined);
    });

    it("an object is Pulumi's when a pulumi-kubernetes field manager wrote it", () => {
        assert.ok(managedByPulumi({ metadata: { managedFields: [{ manager: "kube-controller-manager" }, { manager: "pulumi-kubernetes-0a1b2c3d" }] } }));
        assert.ok(managedByPulumi({ metadata: { managedFields: [{ manager: "pulumi-kubernetes" }] } }));
        assert.ok(!managedByPulumi({ metadata: { managedFields: [{ manager: "kubectl-create" }] } }));
        assert.ok(!managedByPulumi({ metadata: {} }));
    });
});
