// The release scenarios every tier exercises: each is a complete, valid CanaryDeliveryArgs of one
// kind of release a platform team writes. Golden manifests, CRD validation and the component
// tests all iterate over this one list.
import type { CanaryDeliveryArgs } from "../../provider/src/args";

export interface Scenario {
    /** File-name friendly id; also the component's resource name. */
    name: string;
    description: string;
    args: CanaryDeliveryArgs;
}

const image = "ghcr.io/acme/shop:1.4.2";
const prometheus = { address: "http://prometheus.monitoring:9090" };

export const SCENARIOS: Scenario[] = [
    {
        name: "replica-count",
        description: "no traffic router: the canary's share is its share of pods, with one Service",
        args: {
            namespace: "shop",
            replicas: 10,
            template: { image, ports: [{ containerPort: 8080 }] },
            service: { port: 80 },
            steps: [{ weight: 10, pause: "5m" }, { weight: 50, pause: "" }, { weight: 100 }],
        },
    },
    {
        name: "istio-host",
        description: "Istio host split: stable/canary Services, a created VirtualService on a gateway with retries, mTLS",
        args: {
            namespace: "shop",
            replicas: 4,
            template: { image, ports: [{ containerPort: 8080, name: "http" }] },
            istio: {
                hosts: ["shop.example.com"],
                gateways: ["istio-system/public-gateway", "mesh"],
                retries: { attempts: 3, perTryTimeout: "2s", retryOn: "gateway-error,connect-failure,refused-stream" },
                timeout: "10s",
                mutualTls: true,
            },
            steps: [{ weight: 10, pause: "5m" }, { weight: 30, pause: "0" }, { weight: 60, pause: "10m" }],
        },
    },
    {
        name: "istio-subset",
        description: "Istio subset split: one Service, a created DestinationRule with stable/canary subsets",
        args: {
            namespace: "shop",
            template: { image },
            istio: { split: "subset", mutualTls: true },
            steps: [{ weight: 20, pause: "2m" }, { weight: 50 }],
        },
    },
    {
        name: "istio-routes",
        description: "Istio request-content routes: header and cookie (managed route at the first stage) and URI (static route)",
        args: {
            namespace: "shop",
            replicas: 3,
            template: { image },
            istio: {
                matches: [
                    { on: "header", name: "x-canary", exact: "yes" },
                    { on: "cookie", name: "canary" },
                    { on: "uri", prefix: "/beta/" },
                ],
            },
            steps: [{ weight: 0, setCanaryScale: { replicas: 1 }, pause: "" }, { weight: 25, pause: "10m" }, { weight: 50, pause: "10m" }],
        },
    },
    {
        name: "istio-existing-virtualservice",
        description: "an existing VirtualService referenced by name and route, header route with a regex",
        args: {
            template: { image },
            istio: { virtualServiceName: "shop-routes", routes: ["shop-primary"], matches: [{ on: "header", name: "x-user-group", regex: "beta|internal" }] },
            steps: [{ weight: 5, pause: "1h" }, { weight: 50, pause: "1h" }],
        },
    },
    {
        name: "nginx-created-ingress",
        description: "Nginx with an Ingress the component creates (class, host, path, TLS), canary by header and cookie",
        args: {
            namespace: "shop",
            replicas: 2,
            template: { image },
            nginx: {
                host: "shop.example.com",
                path: "/",
                className: "nginx-public",
                tlsSecretName: "shop-tls",
                matches: [{ on: "header", name: "X-Canary", prefix: "always" }, { on: "cookie", name: "canary" }],
            },
            steps: [{ weight: 10, pause: "5m" }, { weight: 40, pause: "5m" }],
        },
    },
    {
        name: "nginx-existing-ingress",
        description: "Nginx driving an existing stable Ingress, with extra canary annotations",
        args: {
            namespace: "shop",
            template: { image },
            nginx: { stableIngress: "shop-public", additionalIngressAnnotations: { "canary-by-header": "X-Canary" } },
            service: { stableName: "shop-stable", canaryName: "shop-preview", port: 8080, targetPort: 8080 },
            steps: [{ weight: 20, pause: "" }],
        },
    },
    {
        name: "nginx-existing-service",
        description: "Nginx driving an existing Ingress and the existing Service it routes to: only the canary Service is created",
        args: {
            namespace: "shop",
            template: { image },
            nginx: { stableIngress: "web", stableService: "web" },
            steps: [{ weight: 20, pause: "" }, { weight: 60, pause: "" }],
        },
    },
    {
        name: "gateway-api-created-route",
        description: "Gateway API: a created HTTPRoute on a shared Gateway, weighed by Argo's Gateway API plugin, with two header matches (one managed route each: either is enough)",
        args: {
            namespace: "shop",
            replicas: 4,
            template: { image, ports: [{ containerPort: 8080, name: "http" }] },
            gatewayApi: {
                parentRefs: [{ name: "public", namespace: "gateways", sectionName: "https" }],
                hostnames: ["shop.example.com"],
                matches: [{ on: "header", name: "x-canary", exact: "yes" }, { on: "header", name: "x-beta-user", regex: "true|1" }],
            },
            steps: [{ weight: 10, pause: "5m" }, { weight: 50, pause: "" }, { weight: 100 }],
        },
    },
    {
        name: "gateway-api-existing-route",
        description: "Gateway API driving an existing HTTPRoute, with Istio presets read through the gateway's mesh",
        args: {
            namespace: "shop",
            template: { image },
            gatewayApi: { httpRouteName: "shop-public" },
            analysis: { prometheus, presetSource: "istio", successRate: {}, interval: "1m" },
            steps: [{ weight: 20, pause: "5m", analysis: true }, { weight: 100 }],
        },
    },
    {
        name: "analysis-istio-presets",
        description: "Istio success-rate and latency presets in the background from the second stage",
        args: {
            namespace: "shop",
            replicas: 4,
            template: { image },
            istio: {},
            analysis: { prometheus, successRate: { minPercent: 99.5 }, latency: { maxMilliseconds: 300, percentile: 95 }, background: { startingStep: 1 } },
            steps: [{ weight: 10, pause: "5m" }, { weight: 30, pause: "10m" }, { weight: 60, pause: "10m" }],
        },
    },
    {
        name: "analysis-nginx-presets",
        description: "Nginx success-rate and latency presets, run at a stage",
        args: {
            namespace: "shop",
            template: { image },
            nginx: { host: "shop.example.com" },
            analysis: { prometheus, successRate: {}, latency: {}, interval: "30s", count: 10, failureLimit: 1 },
            steps: [{ weight: 10, pause: "5m", analysis: true }, { weight: 50, pause: "" }],
        },
    },
    {
        name: "analysis-custom-metrics",
        description: "custom metrics in the background and at a stage, Prometheus auth headers as secrets",
        args: {
            namespace: "shop",
            template: { image },
            istio: {},
            analysis: {
                prometheus: {
                    address: "https://prometheus.example.com",
                    timeoutSeconds: 10,
                    headers: [
                        { name: "Authorization", value: "Bearer not-a-real-token" },
                        { name: "X-Scope-OrgID", secretKeyRef: { name: "tenant", key: "org-id" } },
                    ],
                },
                metrics: [
                    {
                        name: "error-rate",
                        query: 'sum(rate(http_requests_total{service="{{args.canary-service}}",code=~"5.."}[2m])) / sum(rate(http_requests_total{service="{{args.canary-service}}"}[2m]))',
                        successCondition: "result[0] < 0.01",
                        failureCondition: "result[0] >= 0.05",
                        interval: "2m",
                        failureLimit: 2,
                        inconclusiveLimit: 1,
                    },
                    {
                        name: "saturation",
                        query: 'max(container_cpu_usage_seconds_total{namespace="{{args.namespace}}",pod=~"{{args.rollout}}-{{args.canary-hash}}-.*"})',
                        failureCondition: "result[0] > 0.9",
                        initialDelay: "1m",
                        count: 3,
                        consecutiveErrorLimit: 2,
                    },
                ],
                background: {},
            },
            steps: [{ weight: 10, pause: "5m" }, { weight: 30, analysis: true }, { weight: 60, pause: "10m" }],
        },
    },
    {
        name: "analysis-webhooks",
        description: "Flagger-style webhooks: gates before stages 1 and 2, a check with a secret header at each measurement, a load-test Job beside the canary",
        args: {
            namespace: "shop",
            template: { image },
            istio: {},
            analysis: {
                prometheus,
                successRate: {},
                webhooks: [
                    { name: "confirm-rollout", type: "gate", url: "http://flagger-loadtester.test/gate/approve", timeout: "5s" },
                    {
                        name: "acceptance",
                        type: "gate",
                        stage: 1,
                        url: "http://flagger-loadtester.test/",
                        body: '{"type":"bash","cmd":"curl -sf http://shop-canary.shop/health"}',
                        jsonPath: "{$.ok}",
                        successCondition: "result == true",
                    },
                    {
                        name: "smoke",
                        url: "https://checks.example.com/smoke?service={{args.canary-service}}",
                        headers: [{ name: "Authorization", value: "Bearer not-a-real-token" }],
                    },
                ],
                loadTest: {
                    image: "ghcr.io/fluxcd/flagger-loadtester:0.34.0",
                    command: ["hey", "-z", "1m", "-q", "10", "-c", "2", "http://shop-canary.shop/"],
                    activeDeadlineSeconds: 120,
                },
            },
            steps: [{ weight: 10, pause: "5m" }, { weight: 30, pause: "5m" }, { weight: 60, pause: "10m" }],
        },
    },
    {
        name: "adopted-deployment",
        description: "adopt an existing Deployment, scaled down on success; the Rollout is retained if the component goes",
        args: {
            namespace: "shop",
            replicas: 3,
            workloadRef: { name: "shop", matchLabels: { app: "shop" }, scaleDown: "onsuccess" },
            istio: {},
            steps: [{ weight: 20, pause: "10m" }, { weight: 50, pause: "" }],
        },
    },
    {
        name: "adopted-deployment-hand-back",
        description: "hand an adopted Deployment back: replicas restored by a retained patch, the Rollout no longer scales it down",
        args: {
            namespace: "shop",
            replicas: 3,
            workloadRef: { name: "shop", matchLabels: { app: "shop" }, scaleDown: "progressively", handBack: true, handBackReplicas: 4 },
            steps: [{ weight: 20, pause: "10m" }],
        },
    },
    {
        name: "inline-template-hpa",
        description: "inline pod template with env, resources and probes, autoscaled by an HPA",
        args: {
            releaseName: "checkout",
            namespace: "shop",
            labels: { team: "payments" },
            annotations: { "owner.example.com/oncall": "payments" },
            template: {
                image,
                containerName: "app",
                ports: [{ containerPort: 8080, name: "http" }, { containerPort: 9090, name: "metrics" }],
                env: [
                    { name: "LOG_LEVEL", value: "info" },
                    { name: "DB_PASSWORD", secretKeyRef: { name: "checkout-db", key: "password" } },
                    { name: "FEATURE_FLAGS", configMapKeyRef: { name: "checkout-flags", key: "flags" } },
                ],
                resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { memory: "512Mi" } },
                readinessProbe: { httpGet: { path: "/ready" }, periodSeconds: 5 },
                livenessProbe: { httpGet: { path: "/healthz", port: 8080 }, initialDelaySeconds: 10 },
                startupProbe: { tcpSocket: {}, failureThreshold: 30 },
                command: ["/app/server"],
                args: ["--port=8080"],
                imagePullPolicy: "IfNotPresent",
                serviceAccountName: "checkout",
                imagePullSecrets: ["ghcr"],
                labels: { version: "1.4.2" },
                annotations: { "sidecar.istio.io/inject": "true" },
            },
            autoscaling: { minReplicas: 3, maxReplicas: 12, targetCpuUtilization: 70, targetMemoryUtilization: 80 },
            istio: {},
            strategy: { maxSurge: "1", maxUnavailable: "0", dynamicStableScale: true, abortScaleDownDelaySeconds: 60, progressDeadlineSeconds: 900, progressDeadlineAbort: true },
            steps: [{ weight: 10, pause: "5m" }, { weight: 25, pause: "5m" }, { weight: 50, pause: "" }, { weight: 100 }],
        },
    },
    {
        name: "flagger-progression",
        description: "the Flagger tutorial's Canary: Istio host split on a gateway with retries and mTLS, an HPA, stepWeight 10 up to maxWeight 50 every 1m, threshold 5",
        args: {
            namespace: "shop",
            template: { image, ports: [{ containerPort: 8080, name: "http" }] },
            service: { port: 80, targetPort: 8080 },
            autoscaling: { minReplicas: 2, maxReplicas: 4, targetCpuUtilization: 99 },
            istio: {
                hosts: ["shop.example.com"],
                gateways: ["istio-system/public-gateway"],
                retries: { attempts: 3, perTryTimeout: "1s", retryOn: "gateway-error,connect-failure,refused-stream" },
                mutualTls: true,
            },
            strategy: { progressDeadlineSeconds: 60 },
            progression: { stepWeight: 10, maxWeight: 50, interval: "1m" },
            analysis: { prometheus, interval: "1m", threshold: 5, successRate: { minPercent: 99 }, latency: { maxMilliseconds: 500 } },
        },
    },
    {
        name: "progression-step-weights",
        description: "Flagger's stepWeights [1, 2, 10, 80] every 2m with Nginx; preset windows from the interval and set, a threshold beside a metric's own failureLimit",
        args: {
            namespace: "shop",
            template: { image },
            nginx: { host: "shop.example.com" },
            progression: { stepWeights: [1, 2, 10, 80], interval: "2m" },
            analysis: {
                prometheus,
                interval: "2m",
                threshold: 3,
                successRate: {},
                latency: { percentile: 95, window: "5m" },
                metrics: [{
                    name: "restarts",
                    query: 'sum(increase(kube_pod_container_status_restarts_total{namespace="{{args.namespace}}",pod=~"{{args.rollout}}-{{args.canary-hash}}-.*"}[5m]))',
                    failureCondition: "result[0] > 0",
                    failureLimit: 0,
                }],
            },
        },
    },
];

export function scenario(name: string): Scenario {
    const found = SCENARIOS.find((s) => s.name === name);
    if (!found) throw new Error(`no scenario ${name}`);
    return found;
}
