import * as assert from "assert";
import { istioServicePorts } from "../../../policy/src/pack";
import { runStackPolicy, urnFor } from "../helpers/harness";
import { ROLLOUT, SERVICE, find, hostSplitStack, service, subsetSplitStack } from "../helpers/manifests";

describe("canary-istio-service-ports", () => {
    it("passes Services whose ports are named http", async () => {
        assert.deepStrictEqual((await runStackPolicy(istioServicePorts, hostSplitStack())).messages, []);
    });

    it("passes http-*, grpc-* names and appProtocol", async () => {
        const stack = hostSplitStack();
        const stable = find(stack, SERVICE, "checkout-stable");
        stable.spec.ports = [
            { name: "http-web", port: 80, targetPort: 8080 },
            { name: "grpc-api", port: 9090, targetPort: 9090 },
            { name: "metrics", port: 9100, targetPort: 9100, appProtocol: "http" },
        ];
        assert.deepStrictEqual((await runStackPolicy(istioServicePorts, stack)).messages, []);
    });

    it("fails a canary Service port named without a protocol, on the Service", async () => {
        const stack = hostSplitStack();
        find(stack, SERVICE, "checkout-canary").spec.ports[0].name = "web";
        const result = await runStackPolicy(istioServicePorts, stack);
        assert.deepStrictEqual(result.messages, [
            `Service "shop/checkout-canary" (canary Service of Rollout "shop/checkout"): spec.ports[0] (port 80) is named "web" and sets no appProtocol, ` +
                `so Istio may treat its traffic as plain TCP, where http routes and canary weights do not apply. ` +
                `Name it "http" or "<protocol>-<suffix>" (http, http2, https, grpc, ...) or set appProtocol.`,
        ]);
        assert.strictEqual(result.violations[0].urn, urnFor(SERVICE, "checkout-canary"));
    });

    it("fails an unnamed port of the Service a subset-split DestinationRule routes to", async () => {
        const stack = subsetSplitStack();
        delete find(stack, SERVICE, "payments").spec.ports[0].name;
        const result = await runStackPolicy(istioServicePorts, stack);
        assert.match(result.messages[0], /^Service "shop\/payments" \(host of the DestinationRule "shop\/payments" split by Rollout "shop\/payments"\): spec.ports\[0\] \(port 80\) has no name/);
    });

    it("ignores Services no Istio-routed Rollout uses", async () => {
        const stack = hostSplitStack();
        stack.push({ type: SERVICE, name: "redis", props: { ...service("redis", "redis"), spec: { selector: { app: "redis" }, ports: [{ port: 6379 }] } } });
        delete find(stack, ROLLOUT, "checkout").spec.strategy.canary.trafficRouting;
        assert.deepStrictEqual((await runStackPolicy(istioServicePorts, stack)).messages, []);
    });

    describe("config", () => {
        it("allServices checks every Service of the stack", async () => {
            const stack = hostSplitStack();
            stack.push({ type: SERVICE, name: "redis", props: { ...service("redis", "redis"), spec: { selector: { app: "redis" }, ports: [{ name: "db", port: 6379 }] } } });
            const result = await runStackPolicy(istioServicePorts, stack, { config: { allServices: true } });
            assert.match(result.messages[0], /^Service "shop\/redis" \(Service in this stack\): spec.ports\[0\] \(port 6379\) is named "db"/);
        });
        it("protocols narrows the accepted prefixes", async () => {
            const stack = hostSplitStack();
            find(stack, SERVICE, "checkout-stable").spec.ports[0].name = "tcp-raw";
            assert.deepStrictEqual((await runStackPolicy(istioServicePorts, stack)).messages, []);
            const result = await runStackPolicy(istioServicePorts, stack, { config: { protocols: ["http", "http2", "grpc"] } });
            assert.match(result.messages[0], /is named "tcp-raw"/);
        });
        it("exclude skips a Service", async () => {
            const stack = hostSplitStack();
            find(stack, SERVICE, "checkout-canary").spec.ports[0].name = "web";
            assert.deepStrictEqual((await runStackPolicy(istioServicePorts, stack, { config: { exclude: ["*-canary"] } })).messages, []);
        });
        it("enforcementLevel advisory downgrades the violation", async () => {
            const stack = hostSplitStack();
            find(stack, SERVICE, "checkout-canary").spec.ports[0].name = "web";
            assert.strictEqual((await runStackPolicy(istioServicePorts, stack, { config: "advisory" })).violations[0].level, "advisory");
        });
    });
});
