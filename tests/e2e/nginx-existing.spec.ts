// ingress-nginx with the user's existing Ingress and Service under the real Argo Rollouts controller
// (issue 10): with `nginx.stableService` naming the Service the Ingress routes to, the Rollout drives
// that Service (no InvalidSpec), the controller creates its canary Ingress, a new image walks the
// steps to Healthy, and removing the release leaves the user's Ingress and Service. An Ingress that
// routes elsewhere fails the preview (and the update) before anything is applied.
import * as assert from "assert";
import { kubectl } from "../../scripts/cluster/cluster";
import { observed, readObject, releaseProgram, ROLLOUT, rolloutView, useEndToEnd, waitUntil } from "./helpers";

const NAME = "web";
const NAMESPACE = "e2e-nginx-existing";
const CANARY_INGRESS = `${NAME}-web-canary`;

/** The user's objects, written with kubectl as a team outside the stack would: a Service and an Ingress routing to it. */
function userObjects(ingress: string, backend: string): string {
    return JSON.stringify({
        apiVersion: "v1",
        kind: "List",
        items: [
            {
                apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: NAMESPACE },
                spec: { selector: { app: NAME }, ports: [{ name: "http", port: 80, targetPort: 8080 }] },
            },
            {
                apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: ingress, namespace: NAMESPACE },
                spec: {
                    ingressClassName: "nginx",
                    rules: [{ host: "web.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: backend, port: { number: 80 } } } }] } }],
                },
            },
        ],
    });
}

describe("e2e: nginx driving an existing Ingress and Service under the real controller", function () {
    this.timeout(600_000);
    const { cluster, stack } = useEndToEnd(NAMESPACE, {
        program: releaseProgram(NAME, NAMESPACE, (config) => ({
            replicas: 2,
            template: { ports: [{ name: "http", containerPort: 8080 }] },
            nginx: { stableIngress: config.get("ingress") ?? "web", stableService: "web" },
            steps: [{ weight: 30, pause: "3s" }, { weight: 60, pause: "3s" }],
        }), (release) => ({ stableServiceName: release.stableServiceName, canaryServiceName: release.canaryServiceName, objects: release.objects, liveSummary: release.liveSummary })),
        stackName: "nginx-existing", config: { image: "web:1" },
    });
    const view = () => rolloutView(cluster, NAME);
    const invalidSpec = () => ((readObject(cluster, ROLLOUT, NAME)?.status?.conditions ?? []) as { type: string; reason?: string; message?: string }[])
        .filter((c) => c.type === "InvalidSpec" || c.reason === "InvalidSpec");

    before(() => {
        kubectl(cluster.current(), ["apply", "-f", "-"], userObjects("web", "web"));
    });

    it("up: the Rollout drives the user's Service, the controller creates the canary Ingress, no InvalidSpec", async () => {
        const up = await stack.current().up({ onOutput: stack.capture });
        assert.strictEqual(up.summary.result, "succeeded");
        assert.strictEqual(up.outputs.stableServiceName.value, "web");
        assert.strictEqual(up.outputs.canaryServiceName.value, `${NAME}-canary`);
        const objects = up.outputs.objects.value as { kind: string; name: string; managedBy: string }[];
        assert.deepStrictEqual(objects.filter((o) => o.kind === "Service"), [
            { kind: "Service", name: `${NAME}-canary`, managedBy: "component" },
            { kind: "Service", name: "web", managedBy: "user" },
        ]);
        await waitUntil("first release Healthy", view, (v) => observed(v) && v.phase === "Healthy" && v.stableRS === v.currentPodHash);
        assert.deepStrictEqual(invalidSpec(), []);
        assert.strictEqual(readObject(cluster, ROLLOUT, NAME).spec.strategy.canary.stableService, "web");
        await waitUntil("the canary Ingress", () => readObject(cluster, "ingress", CANARY_INGRESS), (i) => i !== undefined);
        // The controller points the user's Service at the stable pods by hash: it drives it.
        const service = await waitUntil("the user's Service selects the stable hash", () => readObject(cluster, "service", "web"),
            (s) => s?.spec?.selector?.["rollouts-pod-template-hash"] === view().stableRS);
        assert.strictEqual(service.spec.selector.app, NAME);
    });

    it("a second preview shows no changes and no error (the canary Service is the stack's own)", async () => {
        const preview = await stack.current().preview({ onOutput: stack.capture });
        assert.deepStrictEqual(Object.entries(preview.changeSummary).filter(([op, n]) => op !== "same" && n > 0), []);
        assert.doesNotMatch(preview.stdout, /would break|does not exist/);
    });

    it("a new image walks the steps through the canary Ingress to Healthy", async () => {
        await stack.current().setConfig("image", { value: "web:2" });
        const up = await stack.current().up({ onOutput: stack.capture });
        assert.strictEqual(up.summary.result, "succeeded");
        assert.match(up.outputs.liveSummary.value, /^Healthy, fully promoted/);
        const v = view();
        assert.ok(observed(v) && v.phase === "Healthy" && v.image === "web:2" && v.stableRS === v.currentPodHash, JSON.stringify(v));
        assert.deepStrictEqual(invalidSpec(), []);
        const canaryIngress = readObject(cluster, "ingress", CANARY_INGRESS);
        assert.strictEqual(canaryIngress.metadata.annotations["nginx.ingress.kubernetes.io/canary"], "true");
        assert.strictEqual(canaryIngress.spec.rules[0].http.paths[0].backend.service.name, `${NAME}-canary`);
    });

    it("destroy removes the release and leaves the user's Ingress and Service", async () => {
        const res = await stack.current().destroy({ onOutput: stack.capture });
        assert.strictEqual(res.summary.result, "succeeded");
        assert.strictEqual(readObject(cluster, ROLLOUT, NAME), undefined);
        assert.strictEqual(readObject(cluster, "service", `${NAME}-canary`), undefined);
        assert.ok(readObject(cluster, "service", "web"), "the user's Service is left");
        assert.ok(readObject(cluster, "ingress", "web"), "the user's Ingress is left");
    });

    it("an existing Ingress that routes elsewhere fails the preview and the update, and nothing is created", async () => {
        kubectl(cluster.current(), ["apply", "-f", "-"], userObjects("elsewhere", "web-v2"));
        await stack.current().setConfig("ingress", { value: "elsewhere" });
        const fails = (err: Error) => {
            const text = String(err);
            assert.match(text, /Rollout web: the cluster shows this release would break; none of its objects is applied/);
            assert.match(text, /nginx\.stableService: Ingress "elsewhere" \(nginx\.stableIngress\) routes to Service "web-v2", not to "web" \(nginx\.stableService\)/);
            assert.match(text, /Set nginx\.stableService: "web-v2", or add a rule with backend "web" to the Ingress/);
            assert.doesNotMatch(text, /error serializing property/);
            return true;
        };
        await assert.rejects(stack.current().preview({ onOutput: stack.capture }), fails);
        await assert.rejects(stack.current().up({ onOutput: stack.capture }), fails);
        assert.strictEqual(readObject(cluster, ROLLOUT, NAME), undefined, "no Rollout");
        const services = JSON.parse(kubectl(cluster.current(), ["get", "services", "-n", NAMESPACE, "-o", "json"])).items as { metadata: { name: string } }[];
        assert.deepStrictEqual(services.map((s) => s.metadata.name), ["web"], "only the user's Service");
        await stack.current().removeConfig("ingress");
        await stack.current().destroy({ onOutput: stack.capture });
    });
});
