// Every documented default, checked on the resolved release (the builders only read it).
import * as assert from "assert";
import type { CanaryDeliveryArgs } from "../../provider/src/args";
import { parseArgs } from "../../provider/src/parse";
import { resolve } from "../../provider/src/resolve";
import { render } from "../helpers/render";
import type { Resolved } from "../../provider/src/resolve/model";
import type { ResolvedIstio } from "../../provider/src/routers/istio/model";
import type { ResolvedNginx } from "../../provider/src/routers/nginx/model";

const image = "ghcr.io/acme/shop:1.0";
const prometheus = { address: "http://prometheus:9090" };

function resolved(changes: Partial<CanaryDeliveryArgs> = {}, name = "shop"): Resolved {
    const parsed = parseArgs(name, { template: { image }, steps: [{ weight: 10 }], ...changes } as CanaryDeliveryArgs);
    return resolve(parsed.args, parsed.release);
}

describe("defaults", () => {
    describe("identity", () => {
        it("release name: the resource name", () => assert.strictEqual(resolved({}, "checkout").release, "checkout"));
        it("namespace: the Kubernetes provider's (left out of every manifest)", () => {
            assert.strictEqual(resolved().namespace, undefined);
            const { manifests } = render("shop", { template: { image }, steps: [] });
            for (const c of manifests.children) assert.ok(!("namespace" in c.manifest.metadata), c.role);
        });
        it("labels and annotations: none", () => {
            assert.strictEqual(resolved().labels, undefined);
            assert.strictEqual(resolved().annotations, undefined);
        });
    });

    describe("workload", () => {
        it("replicas: 1", () => assert.strictEqual(resolved().replicas, 1));
        it("replicas with autoscaling: its minReplicas", () => assert.strictEqual(resolved({ autoscaling: { minReplicas: 3, maxReplicas: 9 } }).replicas, 3));
        it("autoscaling minReplicas: replicas, else 1", () => {
            assert.strictEqual(resolved({ replicas: 4, autoscaling: { maxReplicas: 9 } }).autoscaling!.minReplicas, 4);
            assert.strictEqual(resolved({ autoscaling: { maxReplicas: 9 } }).autoscaling!.minReplicas, 1);
        });
        it("autoscaling target: 80% CPU only when no target is given", () => {
            assert.strictEqual(resolved({ autoscaling: { maxReplicas: 9 } }).autoscaling!.targetCpuUtilization, 80);
            const memoryOnly = resolved({ autoscaling: { maxReplicas: 9, targetMemoryUtilization: 70 } }).autoscaling!;
            assert.strictEqual(memoryOnly.targetCpuUtilization, undefined);
            assert.strictEqual(memoryOnly.targetMemoryUtilization, 70);
        });
        it("template: selector app=<release>, container named after the release, port 8080 named http", () => {
            const w = resolved().workload;
            assert.ok(w.kind === "template");
            assert.deepStrictEqual(w.selector, { app: "shop" });
            assert.deepStrictEqual(w.podLabels, { app: "shop" });
            assert.strictEqual(w.container.name, "shop");
            assert.deepStrictEqual(w.container.ports, [{ name: "http", containerPort: 8080, protocol: "TCP" }]);
        });
        it("template: the first unnamed port is named http unless another port is", () => {
            const ports = (ps: { containerPort: number; name?: string }[]) => {
                const w = resolved({ template: { image, ports: ps } }).workload;
                return w.kind === "template" ? w.container.ports.map((p) => p.name) : [];
            };
            assert.deepStrictEqual(ports([{ containerPort: 80 }, { containerPort: 81 }]), ["http", undefined]);
            assert.deepStrictEqual(ports([{ containerPort: 80 }, { containerPort: 81, name: "http" }]), [undefined, "http"]);
        });
        it("probes: port defaults to the first container port", () => {
            const w = resolved({ template: { image, ports: [{ containerPort: 3000 }], readinessProbe: { httpGet: { path: "/ready" } }, livenessProbe: { tcpSocket: {} } } }).workload;
            assert.ok(w.kind === "template");
            assert.deepStrictEqual(w.container.readinessProbe, { httpGet: { path: "/ready", port: 3000 } });
            assert.deepStrictEqual(w.container.livenessProbe, { tcpSocket: { port: 3000 } });
        });
        it("adopted Deployment: scaleDown never, no hand-back, hand-back replicas = replicas", () => {
            const w = resolved({ template: undefined, replicas: 5, workloadRef: { name: "shop", matchLabels: { app: "shop" } } }).workload;
            assert.deepStrictEqual(w, { kind: "ref", name: "shop", matchLabels: { app: "shop" }, scaleDown: "never", handBack: false, handBackReplicas: 5 });
        });
    });

    describe("stages", () => {
        const stages = (steps: CanaryDeliveryArgs["steps"], analysis = false) =>
            resolved({ steps, ...(analysis && { analysis: { prometheus, metrics: [{ name: "m", query: "q", successCondition: "true" }] } }) }).steps;
        it("an omitted pause waits until promoted (the seed rule)", () => assert.deepStrictEqual(stages([{ weight: 10 }, { weight: 20 }])[0].pause, { kind: "untilPromoted" }));
        it('"", "0", " " and the number 0 wait until promoted ("0s" is refused as ambiguous, see parse.errors)', () => {
            for (const pause of ["", "0", " ", 0 as unknown as string]) assert.deepStrictEqual(stages([{ weight: 10, pause }])[0].pause, { kind: "untilPromoted" }, String(pause));
        });
        it("a number of seconds as a number (as YAML writes it) waits that long", () =>
            assert.deepStrictEqual(stages([{ weight: 10, pause: 30 as unknown as string }])[0].pause, { kind: "timed", duration: "30", seconds: 30 }));
        it("a duration or a number of seconds waits that long", () => {
            assert.deepStrictEqual(stages([{ weight: 10, pause: "1h30m" }])[0].pause, { kind: "timed", duration: "1h30m", seconds: 5400 });
            assert.deepStrictEqual(stages([{ weight: 10, pause: "45" }])[0].pause, { kind: "timed", duration: "45", seconds: 45 });
        });
        it("an omitted pause does not wait at a stage that runs analysis", () => assert.deepStrictEqual(stages([{ weight: 10, analysis: true }], true)[0].pause, { kind: "none" }));
        it("an omitted pause does not wait at a last stage at 100%", () => assert.deepStrictEqual(stages([{ weight: 10, pause: "1m" }, { weight: 100 }])[1].pause, { kind: "none" }));
        it("an explicit blank pause at a last 100% stage still waits", () => assert.deepStrictEqual(stages([{ weight: 100, pause: "" }])[0].pause, { kind: "untilPromoted" }));
        it("a stage without a weight keeps the previous one", () => assert.deepStrictEqual(stages([{ weight: 30, pause: "1m" }, { pause: "2m" }]).map((s) => s.weight), [30, 30]));
        it("the first stage starts from 0%", () => assert.strictEqual(stages([{ pause: "1m" }])[0].weight, 0));
    });

    describe("progression (Flagger's stepWeight, maxWeight, stepWeights, interval)", () => {
        const generated = (progression: CanaryDeliveryArgs["progression"], changes: Partial<CanaryDeliveryArgs> = {}) =>
            resolved({ steps: undefined, progression, ...changes });
        const weights = (progression: CanaryDeliveryArgs["progression"]) => generated(progression).steps.map((s) => s.weight);
        it("maxWeight: 100, as Flagger's scheduler: stepWeight, 2 x stepWeight, ... up to 100", () =>
            assert.deepStrictEqual(weights({ stepWeight: 25, interval: "1m" }), [25, 50, 75, 100]));
        it("a maxWeight that is not a multiple of stepWeight caps the last stage", () =>
            assert.deepStrictEqual(weights({ stepWeight: 20, maxWeight: 50, interval: "1m" }), [20, 40, 50]));
        it("a maxWeight equal to stepWeight is one stage", () => assert.deepStrictEqual(weights({ stepWeight: 30, maxWeight: 30, interval: "1m" }), [30]));
        it("listed stepWeights are the stages", () => assert.deepStrictEqual(weights({ stepWeights: [1, 2, 10, 80], interval: "1m" }), [1, 2, 10, 80]));
        it("each stage holds for the interval, the last one too, then the release is promoted", () => {
            const r = generated({ stepWeight: 50, interval: "2m" });
            assert.deepStrictEqual(r.steps, [
                { index: 0, setWeight: 50, weight: 50, pause: { kind: "timed", duration: "2m", seconds: 120 }, analysis: false, canaryScale: undefined },
                { index: 1, setWeight: 100, weight: 100, pause: { kind: "timed", duration: "2m", seconds: 120 }, analysis: false, canaryScale: undefined },
            ]);
            assert.deepStrictEqual(r.timing, { minimumSeconds: 240, manualGates: [] });
        });
        it("the same stages, Argo steps and plan as the steps it stands for", () => {
            const base = { template: { image }, istio: {}, analysis: { prometheus, successRate: {} } };
            const fromProgression = render("shop", { ...base, progression: { stepWeight: 20, maxWeight: 50, interval: "1m" } });
            const fromSteps = render("shop", { ...base, steps: [{ weight: 20, pause: "1m" }, { weight: 40, pause: "1m" }, { weight: 50, pause: "1m" }] });
            assert.deepStrictEqual(fromProgression.manifests, fromSteps.manifests);
            assert.match(fromProgression.manifests.plan.summary, /^20% for 1m, 40% for 1m, 50% for 1m, 100%; background analysis from stage 1; full promotion after at least 3m$/);
        });
        it("with analysis, the metrics run in the background from the first stage (Flagger checks at every interval)", () => {
            const a = generated({ stepWeights: [10, 50], interval: "1m" }, { istio: {}, analysis: { prometheus, successRate: {} } }).analysis!;
            assert.deepStrictEqual(a.background, { startingStep: 0 });
            assert.deepStrictEqual(a.templates, { background: "shop-background-analysis", step: undefined });
        });
    });

    describe("services", () => {
        it("port 80 named http, targeting the first container port", () => {
            const s = resolved({ service: {} }).services;
            assert.deepStrictEqual([s.port, s.portName, s.targetPort], [80, "http", 8080]);
        });
        it("an adopted Deployment is targeted on the Service port", () => {
            const s = resolved({ template: undefined, workloadRef: { name: "shop", matchLabels: { app: "shop" } }, service: { port: 9000 } }).services;
            assert.strictEqual(s.targetPort, 9000);
        });
        it("no router: no Service unless asked, then <release>", () => {
            assert.deepStrictEqual([resolved().services.single, resolved().services.stable], [undefined, undefined]);
            assert.strictEqual(resolved({ service: {} }).services.single, "shop");
        });
        it("Istio host split and Nginx: <release>-stable and <release>-canary", () => {
            for (const router of [{ istio: {} }, { nginx: {} }]) {
                const s = resolved(router).services;
                assert.deepStrictEqual([s.stable, s.canary, s.single], ["shop-stable", "shop-canary", undefined]);
            }
        });
        it("Istio subset split: one Service, <release>", () => assert.strictEqual(resolved({ istio: { split: "subset" } }).services.single, "shop"));
    });

    describe("Istio", () => {
        it("host split, a created VirtualService <release> with route primary on the stable host, mesh only, no mTLS", () => {
            const t = resolved({ istio: {} }).traffic as ResolvedIstio;
            assert.strictEqual(t.split, "host");
            assert.deepStrictEqual(t.virtualService, { name: "shop", create: true, routes: ["primary"], hosts: ["shop-stable"], gateways: [], retries: undefined, timeout: undefined });
            assert.strictEqual(t.mutualTls, false);
            assert.strictEqual(t.destinationRule, undefined);
        });
        it("an existing VirtualService: not created, routes left to Argo when none are given", () => {
            const t = resolved({ istio: { virtualServiceName: "routes" } }).traffic as ResolvedIstio;
            assert.deepStrictEqual([t.virtualService.name, t.virtualService.create, t.virtualService.routes], ["routes", false, []]);
        });
        it("subset split: a created DestinationRule <release> with subsets stable and canary", () => {
            const t = resolved({ istio: { split: "subset" } }).traffic as ResolvedIstio;
            assert.deepStrictEqual(t.destinationRule, { name: "shop", create: true, host: "shop", canarySubset: "canary", stableSubset: "stable" });
            assert.deepStrictEqual(t.virtualService.hosts, ["shop"]);
        });
        it("a cookie match without a value matches 'always'", () => {
            const t = resolved({ istio: { matches: [{ on: "cookie", name: "canary" }] } }).traffic as ResolvedIstio;
            assert.strictEqual(t.headerMatches[0].exact, "always");
        });
    });

    describe("Nginx", () => {
        it("a created Ingress <release>: path /, Prefix, class nginx, no TLS; the controller's canary Ingress name", () => {
            const t = resolved({ nginx: {} }).traffic as ResolvedNginx;
            assert.deepStrictEqual(t.stableIngress, { name: "shop", create: true, host: undefined, path: "/", pathType: "Prefix", className: "nginx", tlsSecretName: undefined });
            assert.strictEqual(t.canaryIngressName, "shop-shop-canary");
            assert.strictEqual(t.annotationPrefix, "nginx.ingress.kubernetes.io");
        });
        it("an existing Ingress is not created", () => {
            const t = resolved({ nginx: { stableIngress: "web" } }).traffic as ResolvedNginx;
            assert.deepStrictEqual([t.stableIngress.create, t.canaryIngressName], [false, "shop-web-canary"]);
        });
    });

    describe("analysis", () => {
        const analysis = (a: object, changes: Partial<CanaryDeliveryArgs> = { istio: {} }) => resolved({ ...changes, analysis: { prometheus, ...a } }).analysis!;
        it("interval 1m, 5 measurements at a stage, no failure or inconclusive tolerated", () => {
            const a = analysis({ successRate: {} });
            assert.deepStrictEqual(a.defaults, { interval: "1m", failureLimit: 0, inconclusiveLimit: 0, consecutiveErrorLimit: undefined });
            assert.strictEqual(a.stepCount, 5);
        });
        it("presets: success rate 99%, latency p99 under 500ms, from the router's metrics", () => {
            assert.deepStrictEqual(analysis({ successRate: {}, latency: {} }).presets, {
                source: "istio",
                scope: "service",
                successRate: { minPercent: 99, windowSeconds: 60 },
                latency: { maxMilliseconds: 500, percentile: 99, windowSeconds: 60 },
            });
            assert.strictEqual(analysis({ successRate: {} }, { nginx: {} }).presets!.source, "nginx");
        });
        it("Istio presets select canary pods by name for a subset split or a meshed replica-count canary", () => {
            assert.strictEqual(analysis({ successRate: {} }, { istio: { split: "subset" } }).presets!.scope, "pods");
            assert.strictEqual(analysis({ successRate: {}, presetSource: "istio" }, {}).presets!.scope, "pods");
        });
        it("background from the first stage when no stage runs analysis", () => {
            const a = analysis({ successRate: {} });
            assert.deepStrictEqual(a.background, { startingStep: 0 });
            assert.deepStrictEqual(a.templates, { background: "shop-background-analysis", step: undefined });
        });
        it("no background when a stage runs analysis, unless asked", () => {
            const steps = [{ weight: 10, analysis: true }];
            assert.strictEqual(analysis({ successRate: {} }, { istio: {}, steps }).background, undefined);
            const both = analysis({ successRate: {}, background: {} }, { istio: {}, steps });
            assert.deepStrictEqual(both.templates, { background: "shop-background-analysis", step: "shop-step-analysis" });
        });
        it("preset windows: the analysis interval, at least 1m", () => {
            const windows = (a: object) => {
                const p = analysis({ successRate: {}, latency: {}, ...a }).presets!;
                return [p.successRate!.windowSeconds, p.latency!.windowSeconds];
            };
            assert.deepStrictEqual(windows({ interval: "5m" }), [300, 300]);
            assert.deepStrictEqual(windows({ interval: "30s" }), [60, 60]);
            assert.deepStrictEqual(windows({ interval: "30s", successRate: { window: "2m" }, latency: { window: "90s" } }), [120, 90]);
        });
        it("preset windows are written as one-unit Prometheus durations", () => {
            const queries = (a: object) => {
                const { manifests } = render("shop", { template: { image }, steps: [{ weight: 10 }], istio: {}, analysis: { prometheus, ...a } });
                const template = manifests.children.find((c) => c.kind === "AnalysisTemplate")!.manifest as unknown as { spec: { metrics: { provider: { prometheus: { query: string } } }[] } };
                return template.spec.metrics.map((m) => [...m.provider.prometheus.query.matchAll(/\[([^\]]+)\]/g)].map((w) => w[1]).join(" "));
            };
            assert.deepStrictEqual(queries({ successRate: {}, latency: {} }), ["1m 1m", "1m"]);
            assert.deepStrictEqual(queries({ interval: "1m30s", successRate: {}, latency: { window: "1.5h" } }), ["90s 90s", "90m"]);
            assert.deepStrictEqual(queries({ successRate: { window: "60500ms" } }), ["60500ms 60500ms"]);
        });
        it("threshold: every metric without its own failureLimit tolerates threshold - 1 failures", () => {
            const custom = { name: "m", query: "q", successCondition: "true" };
            const a = analysis({ threshold: 5, successRate: {}, metrics: [custom, { ...custom, name: "own", failureLimit: 1 }] });
            assert.strictEqual(a.defaults.failureLimit, 4);
            assert.deepStrictEqual(a.metrics.map((m) => m.failureLimit), [4, 1]);
            assert.strictEqual(analysis({ threshold: 1, successRate: {} }).defaults.failureLimit, 0);
            assert.strictEqual(analysis({ threshold: 5, failureLimit: 2, successRate: {} }).defaults.failureLimit, 2, "analysis.failureLimit wins");
        });
        it("custom metrics take the analysis-wide defaults", () => {
            const m = analysis({ interval: "2m", failureLimit: 3, metrics: [{ name: "m", query: "q", successCondition: "true" }] }).metrics[0];
            assert.deepStrictEqual([m.interval, m.failureLimit, m.inconclusiveLimit, m.count], ["2m", 3, 0, undefined]);
        });
        it("inline header values go to a Secret <release>-analysis-auth", () => {
            const a = analysis({ successRate: {}, prometheus: { ...prometheus, headers: [{ name: "Authorization", value: "Bearer x" }] } });
            assert.deepStrictEqual(a.headers, [{ name: "Authorization", arg: "header-0", secret: { name: "shop-analysis-auth", key: "header-0" } }]);
            assert.deepStrictEqual(a.headerSecret, { name: "shop-analysis-auth", data: { "header-0": "Bearer x" } });
        });
    });

    describe("webhooks and the load test", () => {
        const analysis = (a: object, steps = [{ weight: 10, pause: "5m" }, { weight: 50 }]) => resolved({ istio: {}, steps, analysis: a }).analysis!;
        const hook = { name: "approve", url: "http://gate.test/" };
        it("a webhook is a check, called with GET, or POST when it has a body", () => {
            const a = analysis({ webhooks: [hook, { ...hook, name: "post", body: "{}" }] });
            assert.deepStrictEqual(a.checks.map((c) => c.method), ["GET", "POST"]);
            assert.deepStrictEqual(a.gates, []);
        });
        it("a check's errors are held to its failure limit unless consecutiveErrorLimit is set", () => {
            assert.strictEqual(analysis({ webhooks: [hook], failureLimit: 2 }).checks[0].consecutiveErrorLimit, 2);
            assert.strictEqual(analysis({ webhooks: [hook], failureLimit: 2, consecutiveErrorLimit: 5 }).checks[0].consecutiveErrorLimit, 5);
        });
        it("a gate opens the first stage from its own template <release>-gate-<name>", () => {
            const [gate] = analysis({ webhooks: [{ ...hook, type: "gate", timeout: "5s" }] }).gates;
            assert.deepStrictEqual([gate.stage, gate.template, gate.timeoutSeconds], [0, "shop-gate-approve", 5]);
        });
        it("gates alone measure nothing: no background or stage template", () => {
            assert.deepStrictEqual(analysis({ webhooks: [{ ...hook, type: "gate" }] }).templates, { background: undefined, step: undefined });
        });
        it("webhook header values go into the analysis Secret, under their own keys", () => {
            const a = analysis({ webhooks: [{ ...hook, headers: [{ name: "Authorization", value: "Bearer x" }] }] });
            assert.deepStrictEqual(a.checks[0].headers, [{ name: "Authorization", arg: "webhook-0-header-0", secret: { name: "shop-analysis-auth", key: "webhook-0-header-0" } }]);
            assert.deepStrictEqual(a.headerSecret, { name: "shop-analysis-auth", data: { "webhook-0-header-0": "Bearer x" } });
        });
        it("the load test is the metric load-test, measured at the analysis interval", () => {
            const l = analysis({ loadTest: { image: "hey:1" }, interval: "30s" }).loadTest!;
            assert.deepStrictEqual([l.name, l.interval, l.failureLimit], ["load-test", "30s", 0]);
        });
        it("a body that is a JSON object is sent as JSON (jsonBody), any other as text", () => {
            const web = (body: string) => {
                const { manifests } = render("shop", { template: { image: "shop:1" }, istio: {}, steps: [{ weight: 10 }], analysis: { webhooks: [{ ...hook, body }] } });
                const template = manifests.children.find((c) => c.role === "background-analysis")!.manifest as any;
                return template.spec.metrics[0].provider.web;
            };
            assert.deepStrictEqual([web('{"cmd": "hey"}').jsonBody, web('{"cmd": "hey"}').body], [{ cmd: "hey" }, undefined]);
            assert.deepStrictEqual([web("go").body, web("go").jsonBody], ["go", undefined]);
            assert.deepStrictEqual([web("[1]").body, web("[1]").jsonBody], ["[1]", undefined]);
        });
        it("a stage analysis of webhook checks counts in the plan's least time", () => {
            const r = resolved({ istio: {}, steps: [{ weight: 10, analysis: true }], analysis: { webhooks: [hook], interval: "1m" } });
            assert.strictEqual(r.timing.minimumSeconds, 4 * 60);
        });
    });

    it("strategy: nothing set, Argo's defaults apply", () => assert.deepStrictEqual(resolved().strategy, {}));
    describe("delivery", () => {
        it("follows every update, succeeds at a manual gate, no control", () => {
            const d = resolved().delivery;
            assert.deepStrictEqual([d.wait, d.onManualGate, d.control], [true, "succeed", undefined]);
        });
        it("timeout: the plan's least time (timed pauses, stage analyses) plus the progress deadline (600s)", () => {
            assert.strictEqual(resolved({ steps: [{ weight: 10, pause: "5m" }, { weight: 50, pause: "90s" }] }).delivery.timeoutSeconds, 300 + 90 + 600);
            assert.strictEqual(resolved({ steps: [{ weight: 10 }], strategy: { progressDeadlineSeconds: 120 } }).delivery.timeoutSeconds, 120);
            const withAnalysis = resolved({ istio: {}, steps: [{ weight: 10, analysis: true }], analysis: { prometheus, successRate: {}, interval: "1m", count: 3 } });
            // Three measurements a minute apart take two minutes, as the plan says.
            assert.strictEqual(withAnalysis.delivery.timeoutSeconds, 2 * 60 + 600);
            assert.strictEqual(withAnalysis.delivery.timeoutSeconds, withAnalysis.timing.minimumSeconds + 600);
            // A custom metric's own interval, count and initial delay count (they used to be ignored).
            const slow = resolved({ istio: {}, steps: [{ weight: 10, analysis: true }], analysis: { prometheus, metrics: [{ name: "errors", query: "up", successCondition: "result[0] < 1", interval: "5m", count: 4, initialDelay: "2m" }] } });
            assert.strictEqual(slow.delivery.timeoutSeconds, 2 * 60 + 3 * 5 * 60 + 600);
            assert.strictEqual(resolved({ delivery: { timeout: "1h" } }).delivery.timeoutSeconds, 3600);
        });
        it("a promote without a stage passes the only manual gate", () => {
            const d = resolved({ steps: [{ weight: 10, pause: "1m" }, { weight: 30, pause: "" }, { weight: 60, pause: "1m" }], delivery: { control: { action: "promote", image } } }).delivery;
            assert.deepStrictEqual(d.control, { action: "promote", image, stage: 1 });
        });
    });
});
