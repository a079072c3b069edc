// The public arguments of CanaryDelivery: the one source of truth for the Pulumi schema, the
// SDKs and the docs (the schema is inferred from this file by @pulumi/pulumi's analyzer).
//
// Shape rules imposed by that analyzer (3.259.0) and followed here:
// - no unions: alternatives are mutually exclusive optional blocks, enforced by the parser;
// - enums use the `as const` object pattern so TypeScript callers may pass plain strings;
// - arrays are `T[]` (a `readonly T[]` is not recognised), nested types are named interfaces;
// - `pulumi.Input<T>` only where a value may come from another resource; whatever decides
//   which objects exist (router, steps, analysis) is plain, so previews show the whole graph.
// - doc comments on types do not reach the schema: 3.259.0's generateSchema writes only property
//   descriptions (it drops the type descriptions its analyzer reads). A type's comment is for
//   TypeScript readers; every rule a user must know is also on the properties of that type
//   (tests/unit/type-docs.spec.ts holds this).
import type * as pulumi from "@pulumi/pulumi";
import type { GatewayApiTraffic } from "./routers/gateway-api/args";
import type { IstioTraffic } from "./routers/istio/args";
import type { NginxTraffic } from "./routers/nginx/args";

// Each router's argument types live in its folder; they are part of the public API all the same.
export * from "./routers/istio/args";
export * from "./routers/nginx/args";
export * from "./routers/gateway-api/args";

/** When the Argo Rollouts controller scales the adopted Deployment down. */
export const ScaleDown = {
    /** Leave the Deployment's replicas alone: both run until the CanaryDelivery is removed. */
    Never: "never",
    /** Scale the Deployment to zero once the Rollout is fully promoted and healthy. */
    OnSuccess: "onsuccess",
    /** Scale the Deployment down step by step as the Rollout scales up. */
    Progressively: "progressively",
} as const;
export type ScaleDown = (typeof ScaleDown)[keyof typeof ScaleDown];

/** The part of a request a match looks at. */
export const MatchOn = {
    /** An HTTP request header (`name` is the header name). */
    Header: "header",
    /** A cookie (`name` is the cookie name). */
    Cookie: "cookie",
    /** The request path. Istio only. */
    Uri: "uri",
} as const;
export type MatchOn = (typeof MatchOn)[keyof typeof MatchOn];

/** Which metrics the built-in analysis presets query. */
export const PresetSource = {
    /** Istio's standard metrics (`istio_requests_total`, `istio_request_duration_milliseconds`). */
    Istio: "istio",
    /** ingress-nginx controller metrics (`nginx_ingress_controller_requests`, `..._request_duration_seconds`). */
    Nginx: "nginx",
} as const;
export type PresetSource = (typeof PresetSource)[keyof typeof PresetSource];

/** What a webhook of the analysis is. */
export const WebhookType = {
    /** Called at every measurement of the analysis, like a metric (Flagger's `rollout` webhook). */
    Check: "check",
    /** Called once before a stage begins; the release aborts unless it answers 2xx (Flagger's `pre-rollout` and `confirm-*` gates). */
    Gate: "gate",
} as const;
export type WebhookType = (typeof WebhookType)[keyof typeof WebhookType];

/** HTTP method of a webhook. */
export const WebhookMethod = {
    GET: "GET",
    POST: "POST",
    PUT: "PUT",
} as const;
export type WebhookMethod = (typeof WebhookMethod)[keyof typeof WebhookMethod];

/** Container port protocol. */
export const Protocol = {
    TCP: "TCP",
    UDP: "UDP",
    SCTP: "SCTP",
} as const;
export type Protocol = (typeof Protocol)[keyof typeof Protocol];

/** When the kubelet pulls the container image. */
export const ImagePullPolicy = {
    Always: "Always",
    IfNotPresent: "IfNotPresent",
    Never: "Never",
} as const;
export type ImagePullPolicy = (typeof ImagePullPolicy)[keyof typeof ImagePullPolicy];

/** Scheme of an HTTP probe. */
export const ProbeScheme = {
    HTTP: "HTTP",
    HTTPS: "HTTPS",
} as const;
export type ProbeScheme = (typeof ProbeScheme)[keyof typeof ProbeScheme];

/** What `pulumi up` does when the release it follows stops at a manual gate (a stage that waits until promoted). */
export const GateAction = {
    /** End the update successfully, saying where the release waits. */
    Succeed: "succeed",
    /** Fail the update. */
    Fail: "fail",
    /** Keep following until someone promotes the release (the CLI, a console, another program), up to the timeout. */
    Wait: "wait",
} as const;
export type GateAction = (typeof GateAction)[keyof typeof GateAction];

/** A control for the release in progress, as `kubectl argo rollouts` offers them. */
export const ReleaseAction = {
    /** Promote past the manual gate of `stage` (clears the pause). */
    Promote: "promote",
    /** Skip every remaining stage and analysis: the canary takes over all traffic. */
    PromoteFull: "promoteFull",
    /** Abort: traffic goes back to the stable version at once. */
    Abort: "abort",
    /** Retry an aborted release from its first stage. */
    Retry: "retry",
} as const;
export type ReleaseAction = (typeof ReleaseAction)[keyof typeof ReleaseAction];

/** The arguments of a CanaryDelivery. */
export interface CanaryDeliveryArgs {
    /**
     * Name of the Rollout and stem of every object name derived from it (`<releaseName>-stable`,
     * `<releaseName>-canary`, ...). An RFC 1123 label of at most 63 characters; it must start with a
     * letter when the component creates Services, and the names derived from it must fit their limits.
     * Defaults to the component's resource name.
     */
    releaseName?: string;
    /**
     * Namespace of every object the component creates (and of the adopted Deployment, given Ingress,
     * VirtualService and DestinationRule). Defaults to the Kubernetes provider's namespace ("default"
     * unless the provider sets one).
     */
    namespace?: pulumi.Input<string>;
    /**
     * Labels added to the metadata of every object the component creates (never to pods, so changing
     * them does not start a new canary). Defaults to no extra labels.
     */
    labels?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /**
     * Annotations added to the metadata of every object the component creates (never to pods).
     * Defaults to no extra annotations.
     */
    annotations?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /**
     * Adopt an existing Deployment: the Rollout takes its pod template from it (`spec.workloadRef`).
     * The Deployment itself is never managed by this component (except for `handBack`). Removing the
     * component never leaves the application without pods: see `scaleDown` and `handBack`. Exactly one of
     * `workloadRef` and `template` must be set. Defaults to unset.
     */
    workloadRef?: WorkloadRef;
    /**
     * The pod template of the release, written inline. Exactly one of `workloadRef` and `template`
     * must be set. Defaults to unset.
     */
    template?: PodTemplate;
    /**
     * Number of pods when the release is fully promoted. With `autoscaling` this is only the initial
     * count: the HorizontalPodAutoscaler owns it afterwards. Defaults to 1 (or `autoscaling.minReplicas`).
     */
    replicas?: number;
    /**
     * Create a HorizontalPodAutoscaler (autoscaling/v2) that scales the Rollout. Defaults to no autoscaler.
     */
    autoscaling?: Autoscaling;
    /**
     * The ordered stages of the canary. Each sets the canary's traffic weight and then waits; after the
     * last stage the release is promoted to 100%. An empty list promotes every new version at once.
     * Exactly one of `steps` and `progression` must be set. Defaults to unset.
     */
    steps?: CanaryStep[];
    /**
     * The stages as Flagger writes them: a weight that grows by `stepWeight` up to `maxWeight` (or
     * the listed `stepWeights`), each held for `interval`, then promotion to 100%. It expands to the
     * same stages as the equivalent `steps` (one per weight, with `pause` set to `interval`), and the
     * plan shows them. Exactly one of `steps` and `progression` must be set. Defaults to unset.
     */
    progression?: Progression;
    /**
     * Allow a stage's weight to be lower than an earlier stage's. Defaults to false: weights must not decrease.
     */
    allowDecreasingWeights?: boolean;
    /**
     * The Service port(s) of the Services the component creates. With Istio or Nginx, stable and canary
     * Services (or, for an Istio subset split, one Service) are always created; with neither, a single
     * Service is created only when this block is set. The Argo controller adds the pod hash to the stable
     * and canary Services' selectors, so after creation it owns them: the component neither diffs nor
     * reverts them. Defaults to port 80 named "http" targeting the first container port.
     */
    service?: ServiceOptions;
    /**
     * Route traffic with Istio. At most one traffic router may be set; with none, the canary
     * weight is approximated by the ratio of canary to stable pods (a replica-count canary).
     * The http routes of a VirtualService the component creates (and the subsets of its DestinationRule)
     * are written once: afterwards the controller owns them (route weights, managed routes, subset pod
     * hashes) and the component neither diffs nor reverts them, so changing its routes, `retries`,
     * `timeout` or uri matches later means replacing the VirtualService between releases.
     * Defaults to unset.
     */
    istio?: IstioTraffic;
    /**
     * Route traffic with ingress-nginx canary Ingresses. At most one traffic router may be set.
     * Defaults to unset.
     */
    nginx?: NginxTraffic;
    /**
     * Route traffic with a Gateway API HTTPRoute, through Argo Rollouts' Gateway API plugin
     * (argoproj-labs/gatewayAPI), which must be installed in the Argo controller with its RBAC. At
     * most one traffic router may be set. The rules of an HTTPRoute the component creates are written
     * once: afterwards the plugin owns them (backend weights, managed header routes). Defaults to unset.
     */
    gatewayApi?: GatewayApiTraffic;
    /**
     * Prometheus analysis. A failed analysis aborts the release: traffic returns to the stable pods and
     * the Rollout is marked Degraded until a new version is applied. Defaults to no analysis.
     */
    analysis?: Analysis;
    /**
     * Less common Rollout settings (surge, scale-down delays, deadlines). Defaults to Argo Rollouts' defaults.
     */
    strategy?: StrategyOptions;
    /**
     * How `pulumi up` follows the release, and a control (promote, abort, retry) for the release in
     * progress. Defaults to following every update to its end: fully promoted, a manual gate, or a failure.
     * Nothing waits during a preview.
     */
    delivery?: Delivery;
}

/** How `pulumi up` follows the release, and a control for it. Nothing waits during a preview. */
export interface Delivery {
    /**
     * Follow the release after `pulumi up` applied it, printing its progress (stage, weight, analysis,
     * ready pods), until it is fully promoted (the update succeeds), stops at a manual gate (see
     * `onManualGate`), or is aborted or degraded by Argo Rollouts (the update fails with the
     * controller's message). Defaults to true.
     */
    wait?: boolean;
    /** What the update does when the release stops at a manual gate. Defaults to "succeed". */
    onManualGate?: GateAction;
    /**
     * Longest time the update follows the release, as a duration ("30m"); past it the update fails.
     * Defaults to the least time the plan gives for full promotion (timed pauses, and each stage
     * analysis's slowest metric: its initial delay and its measurements) plus one progress deadline
     * (`strategy.progressDeadlineSeconds`, 600 seconds by default).
     */
    timeout?: string;
    /**
     * A control for the release in progress, applied by `pulumi up` when it holds and never again:
     * it names the canary it is meant for, so it has no effect on a later release. Defaults to none.
     */
    control?: ReleaseControl;
}

/** A promote, full promotion, abort or retry of one canary release. */
export interface ReleaseControl {
    /** What to do. */
    action: ReleaseAction;
    /**
     * The image of the canary this control is meant for, e.g. "shop:2.4.1": the control applies only
     * while the release's canary runs it, so it never fires on a later release.
     */
    image: string;
    /**
     * With "promote": the stage (1-based) whose manual gate to pass; the control applies when the
     * release waits there. Defaults to the only manual gate of the steps (required when there are several).
     */
    stage?: number;
}

/** An existing Deployment adopted by the Rollout. */
export interface WorkloadRef {
    /** Name of the Deployment, in the release namespace. */
    name: pulumi.Input<string>;
    /**
     * The Deployment's `spec.selector.matchLabels`. The Rollout selects its pods with them, and so do the
     * Services the component creates.
     */
    matchLabels: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /**
     * When the controller scales the Deployment down. With anything but `never`, deleting the Rollout
     * would leave the application with no pods (argoproj/argo-rollouts#3855), so the component keeps the
     * Rollout in the cluster if the CanaryDelivery is removed (`retainOnDelete`) until `handBack` is set.
     * Defaults to "never".
     */
    scaleDown?: ScaleDown;
    /**
     * Hand the application back to the Deployment: scale it up again (a server-side apply patch of its
     * `spec.replicas` that stays in place after the CanaryDelivery is gone), stop the controller from
     * scaling it down, and let the Rollout be deleted with the component. Run `pulumi up` with this set,
     * then remove the CanaryDelivery. Defaults to false.
     */
    handBack?: boolean;
    /**
     * Replicas the Deployment is given back when `handBack` is set. Defaults to `replicas`
     * (or `autoscaling.minReplicas`).
     */
    handBackReplicas?: number;
}

/** The pod template of an inline workload. */
export interface PodTemplate {
    /** Container image. A change of image starts a new canary. */
    image: pulumi.Input<string>;
    /** Name of the container. Defaults to the release name. */
    containerName?: string;
    /** Ports the container listens on. Defaults to one port, 8080, named "http". */
    ports?: ContainerPort[];
    /** Environment variables, each with exactly one of `value`, `secretKeyRef`, `configMapKeyRef`. Defaults to none. */
    env?: EnvVar[];
    /** Compute resources. Defaults to none (the namespace's LimitRange, if any, applies). */
    resources?: ResourceRequirements;
    /** Readiness probe, with exactly one of `httpGet`, `tcpSocket`, `exec`. Defaults to none. */
    readinessProbe?: Probe;
    /** Liveness probe, with exactly one of `httpGet`, `tcpSocket`, `exec`. Defaults to none. */
    livenessProbe?: Probe;
    /** Startup probe, with exactly one of `httpGet`, `tcpSocket`, `exec`. Defaults to none. */
    startupProbe?: Probe;
    /** Entrypoint. Defaults to the image's. */
    command?: string[];
    /** Arguments to the entrypoint. Defaults to the image's. */
    args?: string[];
    /** Image pull policy. Defaults to Kubernetes' default (Always for `:latest`, else IfNotPresent). */
    imagePullPolicy?: ImagePullPolicy;
    /** Service account of the pods. Defaults to the namespace's "default" service account. */
    serviceAccountName?: pulumi.Input<string>;
    /** Names of Secrets used to pull the image. Defaults to none. */
    imagePullSecrets?: string[];
    /**
     * Extra pod labels, on top of the selector label `app: <releaseName>` (which may not be overridden).
     * Changing them starts a new canary. Defaults to none.
     */
    labels?: { [key: string]: string };
    /** Pod annotations (e.g. `sidecar.istio.io/inject`). Changing them starts a new canary. Defaults to none. */
    annotations?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** A port the container listens on. */
export interface ContainerPort {
    /** Port number, 1..65535. */
    containerPort: number;
    /** IANA service name (at most 15 characters). Defaults to "http" for the first port, unnamed otherwise. */
    name?: string;
    /** Protocol. Defaults to "TCP". */
    protocol?: Protocol;
}

/** An environment variable: exactly one of `value`, `secretKeyRef`, `configMapKeyRef`. */
export interface EnvVar {
    /** Variable name. */
    name: string;
    /** Literal value. Defaults to unset. */
    value?: pulumi.Input<string>;
    /** Take the value from a key of a Secret in the release namespace. Defaults to unset. */
    secretKeyRef?: KeyRef;
    /** Take the value from a key of a ConfigMap in the release namespace. Defaults to unset. */
    configMapKeyRef?: KeyRef;
}

/** A key of a Secret or ConfigMap. */
export interface KeyRef {
    /** Name of the Secret or ConfigMap. */
    name: string;
    /** The key. */
    key: string;
}

/** Resource requests and limits. */
export interface ResourceRequirements {
    /** Requested resources. Defaults to none. */
    requests?: ResourceList;
    /** Resource limits. Defaults to none. */
    limits?: ResourceList;
}

/** CPU and memory quantities. */
export interface ResourceList {
    /** CPU quantity, e.g. "250m" or "1". Defaults to unset. */
    cpu?: string;
    /** Memory quantity, e.g. "256Mi". Defaults to unset. */
    memory?: string;
}

/** A container probe: exactly one of `httpGet`, `tcpSocket`, `exec`. */
export interface Probe {
    /** Probe with an HTTP GET. Defaults to unset. */
    httpGet?: HttpGetProbe;
    /** Probe by opening a TCP connection. Defaults to unset. */
    tcpSocket?: TcpSocketProbe;
    /** Probe by running a command in the container. Defaults to unset. */
    exec?: ExecProbe;
    /** Seconds before the first probe. Defaults to 0. */
    initialDelaySeconds?: number;
    /** Seconds between probes. Defaults to 10. */
    periodSeconds?: number;
    /** Seconds before a probe times out. Defaults to 1. */
    timeoutSeconds?: number;
    /** Consecutive failures before the probe fails. Defaults to 3. */
    failureThreshold?: number;
    /** Consecutive successes before the probe succeeds again. Defaults to 1. */
    successThreshold?: number;
}

/** An HTTP GET probe. */
export interface HttpGetProbe {
    /** Request path, starting with "/". */
    path: string;
    /** Port. Defaults to the first container port. */
    port?: number;
    /** Scheme. Defaults to "HTTP". */
    scheme?: ProbeScheme;
}

/** A TCP probe. */
export interface TcpSocketProbe {
    /** Port. Defaults to the first container port. */
    port?: number;
}

/** A command probe. */
export interface ExecProbe {
    /** The command and its arguments; exit status 0 is healthy. */
    command: string[];
}

/** A HorizontalPodAutoscaler targeting the Rollout. */
export interface Autoscaling {
    /** Lower bound. Defaults to `replicas` (or 1). */
    minReplicas?: number;
    /** Upper bound; at least `minReplicas`. */
    maxReplicas: number;
    /** Target average CPU utilisation in percent of requests. Defaults to 80 when no target is set. */
    targetCpuUtilization?: number;
    /** Target average memory utilisation in percent of requests. Defaults to unset. */
    targetMemoryUtilization?: number;
}

/** One stage of the canary. */
export interface CanaryStep {
    /**
     * Percentage of traffic (0..100) sent to the canary from this stage on. Without traffic routing it
     * is approximated by the share of canary pods. Defaults to the previous stage's weight.
     */
    weight?: number;
    /**
     * How long to wait at this stage: a duration such as "30s", "5m", "1h30m" (or a number of seconds).
     * "0" or "" waits until the release is promoted (`kubectl argo rollouts promote`); a number is read
     * as seconds, so `0` (as YAML writes it) is the same as "0". A zero duration such as "0s" is refused
     * as ambiguous (Argo reads it as no wait), and so is a pause under one second such as "500ms"
     * (Argo counts pauses in whole seconds).
     * Defaults to waiting until promoted, except on a stage that runs `analysis` (the analysis decides)
     * and on a last stage at 100% (the release completes).
     */
    pause?: string;
    /**
     * Run the analysis metrics at this stage, after the pause; the release only moves on when they
     * pass. Requires `analysis`. Defaults to false.
     */
    analysis?: boolean;
    /**
     * Scale the canary independently of its traffic weight from this stage on (needs `istio` or `nginx`),
     * with exactly one of `replicas`, `weight`, `matchTrafficWeight`. Defaults to unset: the canary is
     * scaled to match its weight.
     */
    setCanaryScale?: CanaryScale;
}

/**
 * Stages generated from a step weight, as Flagger's `analysis.stepWeight`, `maxWeight`, `stepWeights`
 * and `interval` describe them: exactly one of `stepWeight` and `stepWeights`.
 */
export interface Progression {
    /**
     * Weight added at each stage: the stages run at stepWeight, 2 x stepWeight, ... up to `maxWeight`,
     * the last one capped at `maxWeight` (Flagger steps past a maxWeight that is not a multiple:
     * 20, 40, 60 for 50; here the stages are 20, 40, 50). A whole percentage from 1 to 100. Exactly one
     * of `stepWeight` and `stepWeights` must be set. Defaults to unset.
     */
    stepWeight?: number;
    /**
     * Weight of the last stage with `stepWeight`, at least `stepWeight` and at most 100; after it the
     * release is promoted to 100%. Not used with `stepWeights` (their last weight is the highest).
     * Defaults to 100, as in Flagger's scheduler (its examples often write 50).
     */
    maxWeight?: number;
    /**
     * The weights of the stages, in increasing order, each a whole percentage from 1 to 100 (Flagger's
     * `stepWeights`, e.g. [1, 2, 10, 80]); after the last the release is promoted to 100%. Exactly one
     * of `stepWeight` and `stepWeights` must be set. Defaults to unset.
     */
    stepWeights?: number[];
    /**
     * How long each stage lasts, a duration such as "1m" (Flagger's `analysis.interval`), at least 1s.
     * The analysis keeps its own `analysis.interval` between measurements: set both to the same value
     * for one measurement per stage, as Flagger checks once per interval. Unlike Flagger, a failed
     * measurement does not hold the weight for another interval: the stages move on in time, and
     * failed measurements count towards each metric's `failureLimit` (see `analysis.threshold`).
     */
    interval: string;
}

/** Canary scale: exactly one of `replicas`, `weight`, `matchTrafficWeight`. */
export interface CanaryScale {
    /** Absolute number of canary pods. Defaults to unset. */
    replicas?: number;
    /** Canary pods as a percentage (0..100) of `replicas`. Defaults to unset. */
    weight?: number;
    /** Go back to scaling the canary with its traffic weight. Defaults to unset. */
    matchTrafficWeight?: boolean;
}

/** The Service(s) the component creates. */
export interface ServiceOptions {
    /** Port the Services expose. Defaults to 80. */
    port?: number;
    /** Container port traffic is sent to. Defaults to the first container port (8080), or `port` for an adopted Deployment. */
    targetPort?: number;
    /**
     * Port name. Istio only treats traffic as HTTP (and can split it) when the name is `http`, `http-*`,
     * `http2-*`, `grpc-*` or `appProtocol` says so. Defaults to "http".
     */
    portName?: string;
    /** Application protocol of the port (e.g. "http", "grpc"). Defaults to unset. */
    appProtocol?: string;
    /** Name of the stable Service (host split, Nginx). Defaults to `<releaseName>-stable`. */
    stableName?: string;
    /** Name of the canary Service (host split, Nginx). Defaults to `<releaseName>-canary`. */
    canaryName?: string;
    /** Name of the single Service (Istio subset split, replica-count canary). Defaults to `<releaseName>`. */
    name?: string;
}

/**
 * A request match that sends requests to the canary whatever its weight. The matches of a router are
 * alternatives with every router: a request that satisfies any one of them goes to the canary (there
 * is no "all must match"). One match is one condition: a header, a cookie or the path.
 */
export interface RequestMatch {
    /** What to match on. */
    on: MatchOn;
    /** Header or cookie name; required for those, not used for uri. Defaults to unset. */
    name?: string;
    /** Exact value. Defaults to unset, or for a cookie to "always" (ingress-nginx's canary-by-cookie value). */
    exact?: string;
    /** Value prefix. Defaults to unset. */
    prefix?: string;
    /** Value regular expression (RE2). Defaults to unset. */
    regex?: string;
}

/** Analysis of the canary: Prometheus metrics, webhooks and a load test. */
export interface Analysis {
    /** The Prometheus server; required by `successRate`, `latency` and `metrics`. Defaults to unset. */
    prometheus?: PrometheusProvider;
    /**
     * Built-in check of the canary's request success rate (non-5xx responses); a window without canary
     * traffic counts as a success. Defaults to unset.
     */
    successRate?: SuccessRatePreset;
    /**
     * Built-in check of a percentile of the canary's response times; a window without canary traffic
     * counts as a success. Defaults to unset.
     */
    latency?: LatencyPreset;
    /** Metrics the presets query. Defaults to the traffic router ("istio" or "nginx"); required without one. */
    presetSource?: PresetSource;
    /** Custom Prometheus metrics, each with a success and/or failure condition. Defaults to none. */
    metrics?: CustomMetric[];
    /**
     * HTTP calls the Argo controller makes (Flagger's webhooks): a 2xx answer succeeds; another
     * status, a timeout or an unreachable URL is an error, and the release aborts once a check has
     * erred more often in a row than `consecutiveErrorLimit` (for webhooks it defaults to
     * `failureLimit`), a gate at its first error. Defaults to none.
     */
    webhooks?: Webhook[];
    /**
     * A load generator run beside the canary (Flagger's loadtester): a Kubernetes Job started at each
     * measurement of the analysis; the measurement succeeds when the Job completes. Defaults to none.
     */
    loadTest?: LoadTest;
    /** Time between measurements of every metric that sets none, e.g. "1m". Defaults to "1m". */
    interval?: string;
    /**
     * Measurements per metric at a stage with `analysis: true`, for metrics that set no `count`
     * (background analysis measures until the release completes). Defaults to 5.
     */
    count?: number;
    /**
     * Failed measurements tolerated per metric before the analysis fails. Defaults to `threshold` - 1
     * when `threshold` is set, else 0.
     */
    failureLimit?: number;
    /**
     * Flagger's `threshold`: the number of failed checks that rolls the release back. Argo Rollouts
     * counts failures per metric, so it maps to a per-metric limit: every metric that sets no
     * `failureLimit` (and `analysis.failureLimit` is unset) tolerates `threshold` - 1 failed
     * measurements, and the analysis fails at the `threshold`-th failure of any one metric. Flagger
     * sums failed checks across all metrics; here each metric counts its own, so with k metrics up to
     * k x (threshold - 1) failed measurements in total can pass without a rollback. A whole number of
     * at least 1. Defaults to unset (each metric's `failureLimit` applies, 0 unless set).
     */
    threshold?: number;
    /** Inconclusive measurements tolerated before the release pauses for a human. Defaults to 0. */
    inconclusiveLimit?: number;
    /** Consecutive query errors tolerated. Defaults to 4 (Argo's default). */
    consecutiveErrorLimit?: number;
    /**
     * Run the metrics in the background for the whole release, from a chosen stage. Defaults to
     * background analysis from the first stage when no stage sets `analysis: true`, else none.
     */
    background?: BackgroundAnalysis;
}

/**
 * A webhook of the analysis, rendered as a metric with Argo's web provider. With no condition any 2xx
 * answer succeeds; with one, the JSON answer (or the value at `jsonPath`) is tested as `result`.
 */
export interface Webhook {
    /** Name (unique among the analysis's metrics; a lowercase RFC 1123 label). */
    name: string;
    /**
     * http(s) URL the Argo controller calls, e.g. "http://loadtester.test/gate/approve". It may use
     * the same `{{args.<name>}}` arguments as a custom metric's query.
     */
    url: string;
    /** "check" (at every measurement) or "gate" (once, before a stage). Defaults to "check". */
    type?: WebhookType;
    /** For a gate: index into `steps` of the stage it opens; the stage starts only after a 2xx answer. Defaults to 0. */
    stage?: number;
    /** HTTP method. Defaults to "POST" when `body` is set, else "GET". */
    method?: WebhookMethod;
    /**
     * HTTP headers (e.g. Authorization), each with exactly one of `value` and `secretKeyRef`; kept
     * as Pulumi secrets and in a Kubernetes Secret, as Prometheus header values are. Defaults to none.
     */
    headers?: PrometheusHeader[];
    /**
     * Request body of a POST or PUT. A JSON object is sent as JSON (Content-Type: application/json),
     * anything else as the text it is. Defaults to none.
     */
    body?: string;
    /** JSONPath of the value the conditions test in a JSON answer, e.g. "{$.approved}". Defaults to the whole answer. */
    jsonPath?: string;
    /** Condition on `result` that makes a 2xx answer a success, e.g. "result == true". Defaults to unset: any 2xx answer succeeds. */
    successCondition?: string;
    /** Condition on `result` that makes a 2xx answer a failure. Defaults to unset. */
    failureCondition?: string;
    /** Time one call may take, in whole seconds, e.g. "5s". Defaults to "10s" (Argo's). */
    timeout?: string;
}

/** A load test: a Job with one container, started at each measurement of the analysis. */
export interface LoadTest {
    /** Name of its metric (unique among the analysis's metrics). Defaults to "load-test". */
    name?: string;
    /** Container image, e.g. "ghcr.io/fluxcd/flagger-loadtester:0.34.0". */
    image: string;
    /** Entrypoint, e.g. ["hey", "-z", "1m", "-q", "10", "-c", "2", "http://shop-canary.shop/"]. Defaults to the image's. */
    command?: string[];
    /** Arguments to the entrypoint. Defaults to the image's. */
    args?: string[];
    /** Seconds the Job may run before it counts as failed. Defaults to no limit. */
    activeDeadlineSeconds?: number;
}

/** The Prometheus server queried by the analysis. */
export interface PrometheusProvider {
    /** Address of the Prometheus HTTP API, e.g. "http://prometheus.monitoring:9090". */
    address: pulumi.Input<string>;
    /**
     * HTTP headers sent with each query (e.g. Authorization), each with exactly one of `value` and
     * `secretKeyRef`. Values are kept as Pulumi secrets and in a Kubernetes Secret the analysis reads,
     * never in the AnalysisTemplate. Defaults to none.
     */
    headers?: PrometheusHeader[];
    /** Query timeout in seconds. Defaults to Argo's (30). */
    timeoutSeconds?: number;
    /** Skip TLS verification. Defaults to false. */
    insecure?: boolean;
}

/** An HTTP header of the Prometheus queries or of a webhook: exactly one of `value` and `secretKeyRef`. */
export interface PrometheusHeader {
    /** Header name. */
    name: string;
    /** Header value; stored as a Pulumi secret. Defaults to unset. */
    value?: pulumi.Input<string>;
    /** Take the value from a key of an existing Secret in the release namespace. Defaults to unset. */
    secretKeyRef?: KeyRef;
}

/** The request success rate preset (non-5xx responses of the canary). A window without canary traffic counts as a success. */
export interface SuccessRatePreset {
    /** Minimum success rate in percent. Defaults to 99. */
    minPercent?: number;
    /**
     * Range of the rate() each measurement queries, a duration of at least 1m (a shorter window may
     * hold fewer than the two samples a rate needs at common scrape intervals of 15 to 30s).
     * Defaults to `analysis.interval`, as Flagger's window is the metric's interval, and to 1m when
     * the interval is shorter.
     */
    window?: string;
}

/** The request latency preset (a percentile of the canary's response times). A window without canary traffic counts as a success. */
export interface LatencyPreset {
    /** Maximum latency in milliseconds. Defaults to 500. */
    maxMilliseconds?: number;
    /** Percentile checked, in (0, 100). Defaults to 99. */
    percentile?: number;
    /**
     * Range of the rate() of the histogram each measurement queries, a duration of at least 1m (a
     * shorter window may hold fewer than the two samples a rate needs at common scrape intervals of
     * 15 to 30s). Defaults to `analysis.interval`, as Flagger's window is the metric's interval, and
     * to 1m when the interval is shorter.
     */
    window?: string;
}

/**
 * A custom Prometheus metric. The query may use `{{args.namespace}}`, `{{args.rollout}}`,
 * `{{args.canary-hash}}`, `{{args.stable-hash}}`, `{{args.canary-service}}`, `{{args.stable-service}}`.
 */
export interface CustomMetric {
    /** Metric name (unique; a lowercase RFC 1123 label). */
    name: string;
    /**
     * PromQL query. It may use `{{args.namespace}}`, `{{args.rollout}}`, `{{args.canary-hash}}`,
     * `{{args.stable-hash}}`, `{{args.canary-service}}` and `{{args.stable-service}}`.
     */
    query: string;
    /** Condition on `result` that makes a measurement successful, e.g. "result[0] >= 0.95". Defaults to unset. */
    successCondition?: string;
    /** Condition on `result` that makes a measurement failed. At least one condition is required. Defaults to unset. */
    failureCondition?: string;
    /** Time between measurements. Defaults to `analysis.interval`. */
    interval?: string;
    /** Delay before the first measurement. Defaults to none. */
    initialDelay?: string;
    /** Number of measurements. Defaults to `analysis.count` at a stage, unlimited in the background. */
    count?: number;
    /** Failed measurements tolerated. Defaults to `analysis.failureLimit`, else `analysis.threshold` - 1, else 0. */
    failureLimit?: number;
    /** Inconclusive measurements tolerated. Defaults to `analysis.inconclusiveLimit`. */
    inconclusiveLimit?: number;
    /** Consecutive query errors tolerated. Defaults to `analysis.consecutiveErrorLimit`. */
    consecutiveErrorLimit?: number;
}

/** Background analysis. */
export interface BackgroundAnalysis {
    /** Index of the stage the background analysis starts at (into `steps`, or the stages `progression` generates). Defaults to 0. */
    startingStep?: number;
}

/** Less common Rollout settings. */
export interface StrategyOptions {
    /** Extra pods during an update, a number ("1") or a percentage ("25%"). Defaults to "25%". */
    maxSurge?: string;
    /** Pods that may be unavailable during an update, a number or a percentage. Defaults to "25%". */
    maxUnavailable?: string;
    /** Seconds the old stable pods stay up after promotion (traffic routing only). Defaults to 30. */
    scaleDownDelaySeconds?: number;
    /** Seconds the canary pods stay up after an abort (traffic routing only). Defaults to 30. */
    abortScaleDownDelaySeconds?: number;
    /** Scale the stable pods down as the canary takes traffic (traffic routing only). Defaults to false. */
    dynamicStableScale?: boolean;
    /** Seconds a new pod must be ready before it counts as available. Defaults to 0. */
    minReadySeconds?: number;
    /** Seconds without progress before the release is marked Degraded. Defaults to 600. */
    progressDeadlineSeconds?: number;
    /** Abort the release when the progress deadline passes. Defaults to false. */
    progressDeadlineAbort?: boolean;
    /** Old ReplicaSets kept for rollback. Defaults to 10. */
    revisionHistoryLimit?: number;
}
