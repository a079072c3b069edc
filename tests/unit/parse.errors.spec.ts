// Every error a user can reach: each names the property path and the rule it breaks, and one
// parse reports every problem at once, as a pulumi.InputPropertiesError.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import type { CanaryDeliveryArgs } from "../../provider/src/args";
import { findProblems, parseArgs } from "../../provider/src/parse";

const image = "ghcr.io/acme/shop:1.0";
const base: CanaryDeliveryArgs = { template: { image }, steps: [{ weight: 10, pause: "5m" }, { weight: 50 }] };
const prometheus = { address: "http://prometheus:9090" };

/** Problems of `base` overridden by `changes` (a shallow merge of the top level). */
function problems(changes: Partial<CanaryDeliveryArgs> | Record<string, unknown>, name = "app") {
    return findProblems(name, { ...base, ...changes } as CanaryDeliveryArgs);
}

/** Asserts one problem at `path` whose reason matches `rule`. */
function expectProblem(changes: Partial<CanaryDeliveryArgs> | Record<string, unknown>, path: string, rule: RegExp, name = "app") {
    const found = problems(changes, name);
    const match = found.find((p) => p.path === path && rule.test(p.reason));
    assert.ok(match, `expected ${path} ~ ${rule}; got:\n${found.map((p) => `  ${p.path}: ${p.reason}`).join("\n") || "  (nothing)"}`);
}

describe("argument errors", () => {
    it("accepts the base arguments", () => {
        assert.deepStrictEqual(problems({}), []);
    });

    describe("reports every problem at once as an InputPropertiesError", () => {
        const args = {
            ...base,
            replicas: -1,
            steps: [{ weight: 50 }, { weight: 20 }, { weight: 120 }],
            istio: {},
            nginx: {},
            surprise: true,
        } as unknown as CanaryDeliveryArgs;

        it("throws before anything, listing each path and rule", () => {
            let thrown: unknown;
            try {
                parseArgs("app", args);
            } catch (err) {
                thrown = err;
            }
            assert.ok(pulumi.InputPropertiesError.isInstance(thrown), "an InputPropertiesError");
            const error = thrown as pulumi.InputPropertiesError;
            const paths = error.errors.map((e) => e.propertyPath);
            assert.deepStrictEqual(paths, ["nginx", "replicas", "steps[1].weight", "steps[2].weight", "surprise"]);
            for (const e of error.errors) assert.ok(error.message.includes(`${e.propertyPath}: ${e.reason}`), e.propertyPath);
            assert.match(error.message, /CanaryDelivery "app" has 5 invalid arguments/);
        });
    });

    describe("names", () => {
        it("release name: RFC 1123 label", () => expectProblem({ releaseName: "My_App" }, "releaseName", /RFC 1123 label/));
        it("release name: at most 63 characters", () => expectProblem({ releaseName: "a".repeat(64) }, "releaseName", /at most 63 characters/));
        it("release name defaults to an invalid resource name", () =>
            expectProblem({}, "releaseName", /defaults to the resource name "Shop_App", which must be an RFC 1123 label/, "Shop_App"));
        it("a release that names Services must start with a letter", () =>
            expectProblem({ releaseName: "1app", istio: {} }, "releaseName", /Service name '1app-stable' must start with a letter \(RFC 1035/));
        it("a given Service name is an RFC 1035 label", () =>
            expectProblem({ istio: {}, service: { stableName: "9-stable" } }, "service.stableName", /must start with a letter/));
        it("a Service name of at most 63 characters", () =>
            expectProblem({ releaseName: "a".repeat(60), nginx: {} }, "releaseName", /Service name 'a{60}-stable' must be at most 63/));
        it("the controller's canary Ingress name must fit 253 characters", () =>
            expectProblem({ nginx: { stableIngress: "i".repeat(250) } }, "nginx.stableIngress", /canary Ingress '<release>-<ingress>-canary' would be 261 characters; at most 253/));
        it("pod names must keep the pod hash when the analysis selects canary pods by pod name", () =>
            expectProblem(
                { releaseName: "a".repeat(47), istio: { split: "subset" }, analysis: { prometheus, successRate: {} } },
                "releaseName",
                /lose part of the pod template hash .* selects canary pods by pod name/,
            ));
        it("an existing Ingress with the stable Service the component creates is a warning", () => {
            const { warnings } = parseArgs("app", { ...base, nginx: { stableIngress: "web" } });
            assert.deepStrictEqual(warnings, [
                'nginx.stableIngress: the component creates the stable Service "app-stable", which must be the backend of a rule of Ingress "web" ' +
                    "(else Argo rejects the Rollout: InvalidSpec, no rules using the stable Service); if that Ingress routes to a Service of yours, name it with nginx.stableService.",
            ]);
        });
        it("no warning once the Ingress's Service is named (nginx.stableService) or the created one is (service.stableName)", () => {
            assert.deepStrictEqual(parseArgs("app", { ...base, nginx: { stableIngress: "web", stableService: "web" } }).warnings, []);
            assert.deepStrictEqual(parseArgs("app", { ...base, nginx: { stableIngress: "web" }, service: { stableName: "web-stable" } }).warnings, []);
            assert.deepStrictEqual(parseArgs("app", { ...base, nginx: {} }).warnings, []);
        });
        it("otherwise a long release name is only a warning", () => {
            const parsed = parseArgs("app", { ...base, releaseName: "a".repeat(47) });
            assert.match(parsed.warnings.join("\n"), /47 characters\): names longer than 46 characters lose part of the pod template hash/);
        });
    });

    describe("workload", () => {
        it("needs workloadRef or template", () =>
            expectProblem({ template: undefined }, "workloadRef", /set exactly one of workloadRef and template/));
        it("not both", () =>
            expectProblem({ workloadRef: { name: "shop", matchLabels: { app: "shop" } } }, "template", /set exactly one of workloadRef and template/));
        const ref = (extra: object) => ({ template: undefined, workloadRef: { name: "shop", matchLabels: { app: "shop" }, ...extra } });
        it("an adopted Deployment's selector is not empty", () =>
            expectProblem(ref({ matchLabels: {} }), "workloadRef.matchLabels", /must not be empty/));
        it("its selector leaves the pod hash to the controller", () =>
            expectProblem(ref({ matchLabels: { "rollouts-pod-template-hash": "x" } }), "workloadRef.matchLabels.rollouts-pod-template-hash", /set by the Argo Rollouts controller/));
        it("handBackReplicas needs handBack", () =>
            expectProblem(ref({ handBackReplicas: 2 }), "workloadRef.handBackReplicas", /only applies when workloadRef.handBack is true/));
        it("scaleDown is one of never, onsuccess, progressively", () =>
            expectProblem(ref({ scaleDown: "always" }), "workloadRef.scaleDown", /must be one of "never", "onsuccess", "progressively"/));
        it("image is not empty", () => expectProblem({ template: { image: "" } }, "template.image", /must not be empty/));
        it("the app label is the selector", () =>
            expectProblem({ template: { image, labels: { app: "other" } } }, "template.labels.app", /selector label and is always the release name \("app"\)/));
        it("port names are unique", () =>
            expectProblem({ template: { image, ports: [{ containerPort: 80, name: "web" }, { containerPort: 81, name: "web" }] } }, "template.ports[1].name", /must be unique/));
        it("port numbers are unique per protocol", () =>
            expectProblem({ template: { image, ports: [{ containerPort: 80 }, { containerPort: 80 }] } }, "template.ports[1].containerPort", /unique per protocol; 80\/TCP/));
        it("port numbers are 1..65535", () =>
            expectProblem({ template: { image, ports: [{ containerPort: 70000 }] } }, "template.ports[0].containerPort", /at most 65535/));
        it("port names are IANA service names", () =>
            expectProblem({ template: { image, ports: [{ containerPort: 80, name: "a-very-long-port-name" }] } }, "template.ports[0].name", /1 to 15 characters/));
        it("an env var has exactly one source", () =>
            expectProblem({ template: { image, env: [{ name: "A", value: "1", secretKeyRef: { name: "s", key: "k" } }] } }, "template.env[0]", /exactly one of value, secretKeyRef, configMapKeyRef; got value and secretKeyRef/));
        it("env names are unique", () =>
            expectProblem({ template: { image, env: [{ name: "A", value: "1" }, { name: "A", value: "2" }] } }, "template.env[1].name", /must be unique/));
        it("a probe has exactly one handler", () =>
            expectProblem({ template: { image, readinessProbe: {} } }, "template.readinessProbe", /exactly one of httpGet, tcpSocket, exec/));
        it("a liveness probe succeeds once", () =>
            expectProblem({ template: { image, livenessProbe: { tcpSocket: {}, successThreshold: 2 } } }, "template.livenessProbe.successThreshold", /must be 1/));
        it("an HTTP probe path starts with /", () =>
            expectProblem({ template: { image, readinessProbe: { httpGet: { path: "ready" } } } }, "template.readinessProbe.httpGet.path", /must start with '\/'/));
        it("resource quantities are Kubernetes quantities", () =>
            expectProblem({ template: { image, resources: { requests: { cpu: "lots" } } } }, "template.resources.requests.cpu", /Kubernetes quantity/));
        it("replicas is a whole number", () => expectProblem({ replicas: 2.5 }, "replicas", /whole number/));
        it("autoscaling: max at least min", () =>
            expectProblem({ autoscaling: { minReplicas: 5, maxReplicas: 3 } }, "autoscaling.maxReplicas", /at least minReplicas \(5\)/));
        it("autoscaling: replicas within bounds", () =>
            expectProblem({ replicas: 20, autoscaling: { maxReplicas: 10 } }, "replicas", /at most autoscaling.maxReplicas \(10\)/));
        it("autoscaling: replicas not below min", () =>
            expectProblem({ replicas: 1, autoscaling: { minReplicas: 2, maxReplicas: 10 } }, "replicas", /at least autoscaling.minReplicas \(2\)/));
    });

    describe("steps", () => {
        it("weights are 0..100", () => expectProblem({ steps: [{ weight: 101 }] }, "steps[0].weight", /percentage from 0 to 100/));
        it("weights are whole percentages", () => expectProblem({ steps: [{ weight: 10.5 }] }, "steps[0].weight", /whole percentage/));
        it("weights do not decrease", () =>
            expectProblem({ steps: [{ weight: 30 }, { weight: 10 }] }, "steps[1].weight", /must not be lower than an earlier stage's weight \(30 at steps\[0\]\); set allowDecreasingWeights/));
        it("unless allowed", () => assert.deepStrictEqual(problems({ steps: [{ weight: 30 }, { weight: 10 }], allowDecreasingWeights: true }), []));
        it("a pause is a duration, seconds, or 0/blank", () =>
            expectProblem({ steps: [{ weight: 10, pause: "5 minutes" }] }, "steps[0].pause", /duration such as "30s", "5m" or "1h30m", a whole number of seconds, or 0, "0" or "" to wait until promoted/));
        it("a stage analysis needs the analysis block", () =>
            expectProblem({ steps: [{ weight: 10, analysis: true }] }, "steps[0].analysis", /needs the analysis block/));
        it("setCanaryScale needs traffic routing", () =>
            expectProblem({ steps: [{ weight: 10, setCanaryScale: { replicas: 1 } }] }, "steps[0].setCanaryScale", /requires traffic routing/));
        it("setCanaryScale sets exactly one thing", () =>
            expectProblem({ istio: {}, steps: [{ weight: 10, setCanaryScale: { replicas: 1, weight: 5 } }] }, "steps[0].setCanaryScale", /exactly one of replicas, weight, matchTrafficWeight; got replicas and weight/));
        it("matchTrafficWeight is true when set", () =>
            expectProblem({ istio: {}, steps: [{ weight: 10, setCanaryScale: { matchTrafficWeight: false } }] }, "steps[0].setCanaryScale.matchTrafficWeight", /must be true/));
        it("steps are required", () => expectProblem({ steps: undefined }, "steps", /is required/));
    });

    describe("progression", () => {
        const progression = (p: object) => ({ steps: undefined, progression: { interval: "1m", ...p } });
        it("accepts a step weight, a maximum, or listed weights", () => {
            assert.deepStrictEqual(problems(progression({ stepWeight: 10 })), []);
            assert.deepStrictEqual(problems(progression({ stepWeight: 20, maxWeight: 50 })), []);
            assert.deepStrictEqual(problems(progression({ stepWeights: [1, 2, 10, 80] })), []);
        });
        it("one of steps and progression is required", () =>
            expectProblem({ steps: undefined }, "steps", /^one of steps or progression is required$/));
        it("not both steps and progression", () =>
            expectProblem({ progression: { stepWeight: 10, interval: "1m" } }, "progression", /must not be set together with steps/));
        it("exactly one of stepWeight and stepWeights", () => {
            expectProblem(progression({}), "progression", /must set exactly one of stepWeight, stepWeights$/);
            expectProblem(progression({ stepWeight: 10, stepWeights: [10, 20] }), "progression", /exactly one of stepWeight, stepWeights; got stepWeight and stepWeights/);
        });
        it("the interval is required", () => expectProblem({ steps: undefined, progression: { stepWeight: 10 } }, "progression.interval", /is required/));
        it("the interval is a duration", () => expectProblem(progression({ stepWeight: 10, interval: "1 minute" }), "progression.interval", /duration such as/));
        it("the interval is at least a second (each stage pauses for it)", () =>
            expectProblem(progression({ stepWeight: 10, interval: "500ms" }), "progression.interval", /at least 1s \(each stage pauses for it, and Argo counts a pause in whole seconds\)/));
        it("weights are whole percentages from 1 to 100", () => {
            expectProblem(progression({ stepWeight: 0 }), "progression.stepWeight", /percentage from 1 to 100/);
            expectProblem(progression({ stepWeight: 12.5 }), "progression.stepWeight", /whole percentage from 1 to 100/);
            expectProblem(progression({ stepWeight: 10, maxWeight: 120 }), "progression.maxWeight", /percentage from 1 to 100/);
            expectProblem(progression({ stepWeights: [10, 101] }), "progression.stepWeights[1]", /percentage from 1 to 100/);
        });
        it("listed weights are not empty", () => expectProblem(progression({ stepWeights: [] }), "progression.stepWeights", /at least one weight/));
        it("listed weights increase", () => {
            expectProblem(progression({ stepWeights: [10, 50, 30] }), "progression.stepWeights[2]", /must be greater than stepWeights\[1\] \(50\)/);
            expectProblem(progression({ stepWeights: [10, 10] }), "progression.stepWeights[1]", /must be greater than stepWeights\[0\] \(10\)/);
        });
        it("maxWeight is at least stepWeight", () =>
            expectProblem(progression({ stepWeight: 30, maxWeight: 20 }), "progression.maxWeight", /must be at least stepWeight \(30\)/));
        it("maxWeight is only for stepWeight", () =>
            expectProblem(progression({ stepWeights: [10, 20], maxWeight: 50 }), "progression.maxWeight", /only for stepWeight: with stepWeights the last weight is the highest/));
        it("a plain block, not an Output", () =>
            expectProblem({ steps: undefined, progression: pulumi.output({ stepWeight: 10, interval: "1m" }) }, "progression", /plain value known at preview/));
        it("background analysis starts at a generated stage", () =>
            expectProblem({ ...progression({ stepWeight: 50 }), istio: {}, analysis: { prometheus, successRate: {}, background: { startingStep: 2 } } },
                "analysis.background.startingStep", /index into the stages progression generates \(0..1\)/));
        it("without a router, a generated stage the pods cannot approximate is a warning", () => {
            const parsed = parseArgs("app", { ...base, steps: undefined, progression: { stepWeight: 30, interval: "1m" } });
            assert.match(parsed.warnings.join("\n"), /^progression \(stage 1\): without a traffic router, 30% of 1 replica runs/m);
        });
    });

    describe("traffic", () => {
        it("at most one router", () => expectProblem({ istio: {}, nginx: {} }, "nginx", /set at most one traffic router/));
        it("a plain router block, not an Output", () => expectProblem({ istio: pulumi.output({}) }, "istio", /plain value known at preview, not an Output/));
        it("a plain router block, not a Promise", () => expectProblem({ nginx: Promise.resolve({}) }, "nginx", /plain value known at preview/));
        it("service names only where such Services exist", () =>
            expectProblem({ service: { stableName: "s" } }, "service.stableName", /only applies with an istio host split, nginx or gatewayApi/));
        it("one Service name only where one Service exists", () =>
            expectProblem({ istio: {}, service: { name: "s" } }, "service.name", /only applies with an istio subset split or no traffic router/));
        it("stable and canary Services differ", () =>
            expectProblem({ istio: {}, service: { stableName: "s", canaryName: "s" } }, "service.canaryName", /must differ from service.stableName/));
        it("istio split is host or subset", () => expectProblem({ istio: { split: "mesh" } }, "istio.split", /must be one of "host", "subset"/));
        it("subset options need a subset split", () =>
            expectProblem({ istio: { canarySubset: "c" } }, "istio.canarySubset", /only applies to a subset split/));
        it("subsets differ", () =>
            expectProblem({ istio: { split: "subset", canarySubset: "v", stableSubset: "v" } }, "istio.canarySubset", /must differ from istio.stableSubset/));
        it("mTLS needs a DestinationRule the component creates", () =>
            expectProblem({ istio: { split: "subset", destinationRuleName: "dr", mutualTls: true } }, "istio.mutualTls", /needs a DestinationRule the component creates/));
        it("VirtualService options need a VirtualService the component creates", () =>
            expectProblem({ istio: { virtualServiceName: "vs", hosts: ["a.example.com"] } }, "istio.hosts", /only applies to a VirtualService the component creates/));
        it("route names only for an existing VirtualService", () =>
            expectProblem({ istio: { routes: ["r"] } }, "istio.routes", /only applies to an existing VirtualService/));
        it("gateways are <namespace>/<name>", () =>
            expectProblem({ istio: { gateways: ["istio-system/Public"] } }, "istio.gateways[0]", /"mesh", "<name>" or "<namespace>\/<name>"/));
        it("retry timeouts are durations", () =>
            expectProblem({ istio: { retries: { attempts: 3, perTryTimeout: "2 seconds" } } }, "istio.retries.perTryTimeout", /duration such as/));
        it("uri matches need a created VirtualService", () =>
            expectProblem({ istio: { virtualServiceName: "vs", matches: [{ on: "uri", prefix: "/beta" }] } }, "istio.matches[0].on", /need a VirtualService the component creates/));
        it("a header match names the header", () =>
            expectProblem({ istio: { matches: [{ on: "header", exact: "1" }] } }, "istio.matches[0].name", /must name the header/));
        it("a match has one value matcher", () =>
            expectProblem({ istio: { matches: [{ on: "header", name: "h", exact: "1", regex: "2" }] } }, "istio.matches[0]", /exactly one of exact, prefix, regex; got exact and regex/));
        it("a match has a value matcher", () =>
            expectProblem({ istio: { matches: [{ on: "header", name: "h" }] } }, "istio.matches[0]", /exactly one of exact, prefix, regex/));
        it("a match regex compiles", () =>
            expectProblem({ istio: { matches: [{ on: "header", name: "h", regex: "(" }] } }, "istio.matches[0].regex", /must be an RE2 regular expression/));
        it("a match kind is header, cookie or uri", () =>
            expectProblem({ istio: { matches: [{ on: "query", name: "h", exact: "1" }] } }, "istio.matches[0].on", /must be one of "header", "cookie", "uri"/));
        it("header matches need canary pods at the first stage", () =>
            expectProblem({ istio: { matches: [{ on: "header", name: "h", exact: "1" }] }, steps: [{ weight: 0 }, { weight: 50 }] }, "istio.matches", /give steps\[0\] a weight above 0 or a setCanaryScale/));
        it("header matches need a stage", () =>
            expectProblem({ istio: { matches: [{ on: "header", name: "h", exact: "1" }] }, steps: [] }, "istio.matches", /needs at least one stage/));
        it("nginx Ingress options need an Ingress the component creates", () =>
            expectProblem({ nginx: { stableIngress: "web", host: "a.example.com" } }, "nginx.host", /only applies to an Ingress the component creates/));
        it("nginx TLS needs a host", () => expectProblem({ nginx: { tlsSecretName: "tls" } }, "nginx.tlsSecretName", /needs nginx.host/));
        it("nginx path starts with /", () => expectProblem({ nginx: { path: "api" } }, "nginx.path", /must start with '\/'/));
        it("nginx cannot match on the path", () =>
            expectProblem({ nginx: { matches: [{ on: "uri", prefix: "/beta" }] } }, "nginx.matches[0].on", /headers and cookies only/));
        it("nginx has one header match", () =>
            expectProblem({ nginx: { matches: [{ on: "header", name: "a", exact: "1" }, { on: "header", name: "b", exact: "1" }] } }, "nginx.matches[1]", /only header match/));
        it("an nginx cookie match routes on 'always'", () =>
            expectProblem({ nginx: { matches: [{ on: "cookie", name: "c", regex: "x" }] } }, "nginx.matches[0]", /cookie is "always"/));
        it("nginx stableService needs an existing Ingress", () =>
            expectProblem({ nginx: { stableService: "web" } }, "nginx.stableService", /needs nginx.stableIngress: an Ingress the component creates routes to the stable Service it creates/));
        it("nginx stableService excludes service.stableName", () =>
            expectProblem({ nginx: { stableIngress: "web", stableService: "web" }, service: { stableName: "web" } }, "nginx.stableService", /must not be set together with service.stableName: use nginx.stableService to drive your existing Service/));
        it("nginx stableService is a Service name (RFC 1035 label)", () =>
            expectProblem({ nginx: { stableIngress: "web", stableService: "9web" } }, "nginx.stableService", /Service name '9web' must start with a letter \(RFC 1035/));
        it("nginx stableService is a string", () =>
            expectProblem({ nginx: { stableIngress: "web", stableService: 7 } }, "nginx.stableService", /must be a string/));
        it("nginx stableService differs from the default canary Service", () =>
            expectProblem({ nginx: { stableIngress: "web", stableService: "app-canary" } }, "nginx.stableService", /must differ from the canary Service "app-canary" \(its default name <releaseName>-canary\).*Argo needs two Services/));
        it("nginx stableService differs from service.canaryName", () =>
            expectProblem({ nginx: { stableIngress: "web", stableService: "web" }, service: { canaryName: "web" } }, "nginx.stableService", /must differ from the canary Service "web" \(service.canaryName\)/));
        it("accepts an existing Ingress and Service with a created canary Service", () =>
            assert.deepStrictEqual(problems({ nginx: { stableIngress: "web", stableService: "web" }, service: { canaryName: "web-canary" } }), []));
    });

    describe("analysis", () => {
        const analysis = (a: object) => ({ istio: {}, analysis: { prometheus, ...a } });
        it("defines a metric", () => expectProblem(analysis({}), "analysis", /at least one check: successRate, latency, metrics, webhooks or loadTest/));
        it("Prometheus address is a URL", () =>
            expectProblem({ istio: {}, analysis: { prometheus: { address: "prometheus:9090" }, successRate: {} } }, "analysis.prometheus.address", /http\(s\) URL/));
        it("presets need a metric source without a router", () =>
            expectProblem({ analysis: { prometheus, successRate: {} } }, "analysis.presetSource", /must be set for the successRate and latency presets without a traffic router/));
        it("nginx presets need nginx routing", () =>
            expectProblem(analysis({ successRate: {}, presetSource: "nginx" }), "analysis.presetSource", /nginx metrics need nginx routing/));
        it("success rate is a percentage", () => expectProblem(analysis({ successRate: { minPercent: 120 } }), "analysis.successRate.minPercent", /percentage/));
        it("latency percentile is within (0, 100)", () => expectProblem(analysis({ latency: { percentile: 100 } }), "analysis.latency.percentile", /between 0 and 100/));
        it("a preset window is a duration", () => {
            expectProblem(analysis({ successRate: { window: "5 minutes" } }), "analysis.successRate.window", /duration such as/);
            expectProblem(analysis({ latency: { window: "5" } }), "analysis.latency.window", /duration such as/);
        });
        it("a preset window is at least a minute (rate() needs two samples)", () => {
            expectProblem(analysis({ successRate: { window: "30s" } }), "analysis.successRate.window", /at least 1m \(rate\(\) needs two samples in its range, and Prometheus commonly scrapes every 15 to 30s\), got "30s"/);
            expectProblem(analysis({ latency: { window: "59s" } }), "analysis.latency.window", /at least 1m/);
            assert.deepStrictEqual(problems(analysis({ successRate: { window: "1m" }, latency: { window: "90s" } })), []);
        });
        it("threshold is a whole number of at least 1, a 32-bit integer", () => {
            expectProblem(analysis({ successRate: {}, threshold: 0 }), "analysis.threshold", /must be at least 1/);
            expectProblem(analysis({ successRate: {}, threshold: 2.5 }), "analysis.threshold", /whole number/);
            expectProblem(analysis({ successRate: {}, threshold: 2 ** 31 }), "analysis.threshold", /at most 2147483647 \(a 32-bit integer/);
            expectProblem(analysis({ successRate: {}, threshold: "5" }), "analysis.threshold", /must be a number, got the string "5"/);
            assert.deepStrictEqual(problems(analysis({ successRate: {}, threshold: 5 })), []);
        });
        it("a threshold no metric takes is a warning", () => {
            const warned = (a: object) => parseArgs("app", { ...base, ...analysis(a) } as CanaryDeliveryArgs).warnings.join("\n");
            assert.match(warned({ successRate: {}, threshold: 5, failureLimit: 2 }), /analysis.threshold: has no effect, analysis.failureLimit \(2\) is set/);
            assert.match(warned({ threshold: 5, metrics: [{ ...metric, failureLimit: 1 }] }), /analysis.threshold: has no effect, every metric sets its own failureLimit/);
            assert.doesNotMatch(warned({ successRate: {}, threshold: 5, metrics: [{ ...metric, failureLimit: 1 }] }), /threshold/);
        });
        const metric = { name: "errors", query: "sum(x)", successCondition: "result[0] < 1" };
        it("metric names are unique", () =>
            expectProblem(analysis({ metrics: [metric, metric] }), "analysis.metrics[1].name", /must be unique; "errors" is also metrics\[0\]/));
        it("metric names do not reuse a preset's", () =>
            expectProblem(analysis({ successRate: {}, metrics: [{ ...metric, name: "success-rate" }] }), "analysis.metrics[0].name", /is also a preset/));
        it("a metric has a condition", () =>
            expectProblem(analysis({ metrics: [{ name: "m", query: "x" }] }), "analysis.metrics[0]", /successCondition or failureCondition/));
        it("queries use known arguments", () =>
            expectProblem(analysis({ metrics: [{ ...metric, query: 'x{svc="{{args.service-name}}"}' }] }), "analysis.metrics[0].query", /unknown argument\(s\) \{\{args.service-name\}\}; available: namespace, rollout/));
        it("intervals are durations", () => expectProblem(analysis({ successRate: {}, interval: "1 minute" }), "analysis.interval", /duration such as/));
        it("a header value comes from one place", () =>
            expectProblem(analysis({ successRate: {}, prometheus: { ...prometheus, headers: [{ name: "Authorization" }] } }), "analysis.prometheus.headers[0]", /exactly one of value, secretKeyRef/));
        it("header names are unique", () =>
            expectProblem(
                analysis({ successRate: {}, prometheus: { ...prometheus, headers: [{ name: "A", value: "1" }, { name: "a", value: "2" }] } }),
                "analysis.prometheus.headers[1].name",
                /must be unique/,
            ));
        it("background starts at a stage", () =>
            expectProblem(analysis({ successRate: {}, background: { startingStep: 5 } }), "analysis.background.startingStep", /index into steps \(0..1\)/));
    });

    describe("webhooks and the load test", () => {
        const hook = { name: "approve", url: "http://gate.test/approve" };
        const webhooks = (...w: object[]) => ({ istio: {}, analysis: { webhooks: w } });
        it("accepts a check, a gate and a load test without Prometheus", () =>
            assert.deepStrictEqual(problems({ istio: {}, analysis: { webhooks: [hook, { ...hook, name: "gate", type: "gate", stage: 1 }], loadTest: { image: "ghcr.io/acme/hey:1" } } }), []));
        it("Prometheus is required by the presets and metrics", () =>
            expectProblem({ istio: {}, analysis: { successRate: {}, webhooks: [hook] } }, "analysis.prometheus", /is required: successRate, latency and metrics query Prometheus/));
        it("the URL is an http(s) URL", () => expectProblem(webhooks({ ...hook, url: "gate.test/approve" }), "analysis.webhooks[0].url", /http\(s\) URL/));
        it("names are unique among the metrics", () =>
            expectProblem({ istio: {}, analysis: { prometheus, successRate: {}, webhooks: [{ ...hook, name: "success-rate" }] } }, "analysis.webhooks[0].name", /must be unique; "success-rate" is also a preset/));
        it("names are RFC 1123 labels", () => expectProblem(webhooks({ ...hook, name: "Approve" }), "analysis.webhooks[0].name", /RFC 1123 label/));
        it("the type is check or gate", () => expectProblem(webhooks({ ...hook, type: "confirm" }), "analysis.webhooks[0].type", /must be one of "check", "gate"/));
        it("a stage is only for a gate", () => expectProblem(webhooks({ ...hook, stage: 1 }), "analysis.webhooks[0].stage", /only for a gate/));
        it("a gate's stage is a stage of steps", () =>
            expectProblem(webhooks({ ...hook, type: "gate", stage: 2 }), "analysis.webhooks[0].stage", /index into steps \(0..1\)/));
        it("a gate needs a stage to open", () =>
            expectProblem({ ...webhooks({ ...hook, type: "gate" }), steps: [] }, "analysis.webhooks[0].stage", /index into steps/));
        it("a body needs POST or PUT", () =>
            expectProblem(webhooks({ ...hook, method: "GET", body: "{}" }), "analysis.webhooks[0].body", /needs method "POST" or "PUT"/));
        it("the method is GET, POST or PUT", () => expectProblem(webhooks({ ...hook, method: "DELETE" }), "analysis.webhooks[0].method", /must be one of "GET", "POST", "PUT"/));
        it("the timeout is whole seconds, at least 1s", () => {
            expectProblem(webhooks({ ...hook, timeout: "1500ms" }), "analysis.webhooks[0].timeout", /must be whole seconds/);
            expectProblem(webhooks({ ...hook, timeout: "500ms" }), "analysis.webhooks[0].timeout", /at least 1s/);
        });
        it("conditions are expressions", () =>
            expectProblem(webhooks({ ...hook, successCondition: "result ==" }), "analysis.webhooks[0].successCondition", /expression/));
        it("a header value comes from one place, and names are unique", () => {
            expectProblem(webhooks({ ...hook, headers: [{ name: "Authorization" }] }), "analysis.webhooks[0].headers[0]", /exactly one of value, secretKeyRef/);
            expectProblem(webhooks({ ...hook, headers: [{ name: "A", value: "1" }, { name: "a", value: "2" }] }), "analysis.webhooks[0].headers[1].name", /must be unique/);
        });
        it("header values hold no CR, LF or NUL", () =>
            expectProblem(webhooks({ ...hook, headers: [{ name: "A", value: "x\r\ny" }] }), "analysis.webhooks[0].headers[0].value", /CR|LF|line/i));
        it("the URL and body use known arguments", () => {
            expectProblem(webhooks({ ...hook, url: "http://gate.test/{{args.service}}" }), "analysis.webhooks[0].url", /unknown argument\(s\) \{\{args.service\}\}; available: namespace/);
            expectProblem(webhooks({ ...hook, body: "{{args.pod}}" }), "analysis.webhooks[0].body", /unknown argument/);
        });
        it("the load test's name is unique", () =>
            expectProblem({ istio: {}, analysis: { webhooks: [{ ...hook, name: "load-test" }], loadTest: { image: "hey:1" } } }, "analysis.loadTest", /unique name; "load-test" is also webhooks\[0\] \(set loadTest.name\)/));
        it("the load test's image is an image reference", () =>
            expectProblem({ istio: {}, analysis: { loadTest: { image: "Hey Load:1" } } }, "analysis.loadTest.image", /image/));
    });

    describe("strategy", () => {
        it("surge and unavailability are not both zero", () =>
            expectProblem({ strategy: { maxSurge: "0", maxUnavailable: "0%" } }, "strategy.maxUnavailable", /must not be 0 when maxSurge is 0/));
        it("surge is a number or a percentage", () => expectProblem({ strategy: { maxSurge: "lots" } }, "strategy.maxSurge", /whole number \("1"\) or a percentage/));
        it("scale-down delays need traffic routing", () =>
            expectProblem({ strategy: { scaleDownDelaySeconds: 30 } }, "strategy.scaleDownDelaySeconds", /only works with traffic routing/));
        it("dynamic stable scale does not mix with a scale-down delay", () =>
            expectProblem({ istio: {}, strategy: { dynamicStableScale: true, scaleDownDelaySeconds: 30 } }, "strategy.dynamicStableScale", /cannot be used with scaleDownDelaySeconds/));
        it("the progress deadline exceeds minReadySeconds", () =>
            expectProblem({ strategy: { minReadySeconds: 700 } }, "strategy.progressDeadlineSeconds", /greater than minReadySeconds \(700\)/));
    });

    describe("delivery", () => {
        // One manual gate, at stage 1 (a last stage below 100% without a pause waits too).
        const gate = { steps: [{ weight: 10, pause: "" }, { weight: 50, pause: "1m" }] };
        it("a promote without a stage needs exactly one manual gate", () => {
            assert.deepStrictEqual(problems({ ...gate, delivery: { control: { action: "promote", image } } }), []);
            expectProblem({ steps: [{ weight: 10, pause: "5m" }, { weight: 100 }], delivery: { control: { action: "promote", image } } }, "delivery.control.stage", /is required: no stage of steps waits for a promotion/);
            expectProblem({ steps: [{ weight: 10, pause: "" }, { weight: 30, pause: "0" }, { weight: 60 }], delivery: { control: { action: "promote", image } } },
                "delivery.control.stage", /is required: 3 stages wait for a promotion \(stages 1, 2, 3\); name the one to pass/);
        });
        it("the stage is a stage of steps that waits", () => {
            expectProblem({ ...gate, delivery: { control: { action: "promote", image, stage: 3 } } }, "delivery.control.stage", /must be a stage of steps \(1 to 2\), got 3/);
            expectProblem({ steps: [{ weight: 10, pause: "5m" }, { weight: 50 }], delivery: { control: { action: "promote", image, stage: 1 } } },
                "delivery.control.stage", /stage 1 never waits for a promotion/);
            expectProblem({ ...gate, delivery: { control: { action: "promote", image, stage: 0 } } }, "delivery.control.stage", /must be at least 1/);
        });
        it("a stage is only for promote", () =>
            expectProblem({ ...gate, delivery: { control: { action: "abort", image, stage: 1 } } }, "delivery.control.stage", /is only for action "promote"/));
        it("the action, the image and the timeout", () => {
            expectProblem({ delivery: { control: { action: "undo", image } } }, "delivery.control.action", /must be one of "promote", "promoteFull", "abort", "retry"/);
            expectProblem({ delivery: { control: { action: "abort" } } }, "delivery.control.image", /is required/);
            expectProblem({ delivery: { timeout: "soon" } }, "delivery.timeout", /must be a duration/);
            expectProblem({ delivery: { onManualGate: "skip" } }, "delivery.onManualGate", /must be one of "succeed", "fail", "wait"/);
        });
    });

    describe("shape", () => {
        it("unknown properties, at any depth", () => {
            expectProblem({ stepz: [] }, "stepz", /is not a known property/);
            expectProblem({ istio: { host: "x" } }, "istio.host", /is not a known property/);
        });
        it("types", () => expectProblem({ replicas: "3" }, "replicas", /must be a number, got the string "3"/));
        it("namespace is an RFC 1123 label", () => expectProblem({ namespace: "Shop" }, "namespace", /RFC 1123 label/));
        it("label values follow the label rules", () => expectProblem({ labels: { team: "a b" } }, "labels.team", /label value/));
        it("Inputs that are Outputs are accepted unchecked", () =>
            assert.deepStrictEqual(problems({ namespace: pulumi.output("shop"), template: { image: pulumi.output(image) } }), []));
    });
});
