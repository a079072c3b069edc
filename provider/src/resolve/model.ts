// The release after defaults: every choice made, every name known. Builders read only this, so
// they never re-derive a default. Values that may come from other resources stay Inputs.
import type { Input } from "@pulumi/pulumi";
import type { GateAction, KeyRef, ScaleDown, StrategyOptions } from "../args";

export type { StringMap } from "../core/manifest";
import type { StringMap } from "../core/manifest";
import type { Pause } from "../core/pause";
export type { Pause } from "../core/pause";

export interface ResolvedStep {
    /** Index in the user's `steps`, or in the stages `progression` generates. */
    index: number;
    /** Weight set at this stage, when it sets one. */
    setWeight?: number;
    /** Traffic weight of the canary during this stage. */
    weight: number;
    pause: Pause;
    analysis: boolean;
    canaryScale?: { replicas?: number; weight?: number; matchTrafficWeight?: boolean };
}

export interface ResolvedContainer {
    name: string;
    image: Input<string>;
    ports: { name?: string; containerPort: number; protocol: string }[];
    env?: { name: string; value?: Input<string>; secretKeyRef?: KeyRef; configMapKeyRef?: KeyRef }[];
    resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
    readinessProbe?: object;
    livenessProbe?: object;
    startupProbe?: object;
    command?: string[];
    args?: string[];
    imagePullPolicy?: string;
}

export type ResolvedWorkload =
    | {
          kind: "ref";
          name: Input<string>;
          matchLabels: StringMap;
          scaleDown: ScaleDown;
          handBack: boolean;
          handBackReplicas: number;
      }
    | {
          kind: "template";
          selector: Record<string, string>;
          podLabels: Record<string, string>;
          podAnnotations?: StringMap;
          container: ResolvedContainer;
          serviceAccountName?: Input<string>;
          imagePullSecrets?: string[];
      };

export interface ResolvedServices {
    port: number;
    targetPort: number;
    portName: string;
    appProtocol?: string;
    /** Stable and canary Services (host split, Nginx). */
    stable?: string;
    /** The stable Service is the user's (a router given an existing one): driven, never created. */
    stableExisting?: boolean;
    canary?: string;
    /** The one Service (subset split, replica-count canary with `service`). */
    single?: string;
}

/**
 * The traffic router after defaults. Its fields are the router's own (see routers/<kind>/model.ts);
 * only the router's module reads them.
 */
export interface ResolvedTraffic {
    /** The router's argument property, or "none" for a replica-count canary. */
    kind: string;
}

export interface ResolvedMetric {
    name: string;
    query: string;
    successCondition?: string;
    failureCondition?: string;
    interval: string;
    initialDelay?: string;
    /** Count the user set; a stage analysis falls back to `stepCount`. */
    count?: number;
    failureLimit: number;
    inconclusiveLimit: number;
    consecutiveErrorLimit?: number;
}

export interface ResolvedPresets {
    source: "istio" | "nginx";
    /** How canary traffic is told apart: by its Service (host split, Nginx) or by its pods' names. */
    scope: "service" | "pods";
    /** `windowSeconds`: the range of the query's rate(), at least a minute. */
    successRate?: { minPercent: number; windowSeconds: number };
    latency?: { maxMilliseconds: number; percentile: number; windowSeconds: number };
}

export interface ResolvedHeader {
    name: string;
    /** The template argument that carries the value. */
    arg: string;
    /** Where the value is read from at analysis time. */
    secret: { name: string; key: string };
}

/** A webhook with the analysis-wide defaults applied. */
export interface ResolvedWebhook {
    name: string;
    url: string;
    method: "GET" | "POST" | "PUT";
    headers: ResolvedHeader[];
    body?: string;
    jsonPath?: string;
    successCondition?: string;
    failureCondition?: string;
    timeoutSeconds?: number;
}

/** A webhook called at every measurement, as a metric is. */
export interface ResolvedCheck extends ResolvedWebhook {
    interval: string;
    failureLimit: number;
    /** Argo counts a non-2xx answer as an error, so this limit is the one a failing webhook meets. */
    consecutiveErrorLimit: number;
}

/** A webhook called once before the stage `stage` begins, from its own AnalysisTemplate. */
export interface ResolvedGate extends ResolvedWebhook {
    stage: number;
    template: string;
}

export interface ResolvedLoadTest {
    name: string;
    image: string;
    command?: string[];
    args?: string[];
    activeDeadlineSeconds?: number;
    interval: string;
    failureLimit: number;
}

export interface ResolvedAnalysis {
    /** Unset when the analysis has no Prometheus metric (webhooks and a load test only). */
    address?: Input<string>;
    timeoutSeconds?: number;
    insecure: boolean;
    headers: ResolvedHeader[];
    /** The Secret the component creates for header values given inline. */
    headerSecret?: { name: string; data: Record<string, Input<string>> };
    /** Built-in metrics, rendered by the preset module of `source`. */
    presets?: ResolvedPresets;
    /** Custom metrics, with the analysis-wide defaults applied. */
    metrics: ResolvedMetric[];
    /** Webhooks called at every measurement, beside the metrics. */
    checks: ResolvedCheck[];
    /** Webhooks that open a stage. */
    gates: ResolvedGate[];
    loadTest?: ResolvedLoadTest;
    /** Analysis-wide defaults, also used by the presets. */
    defaults: { interval: string; failureLimit: number; inconclusiveLimit: number; consecutiveErrorLimit?: number };
    stepCount: number;
    /** Background analysis from this user stage index. */
    background?: { startingStep: number };
    templates: { background?: string; step?: string };
}

export interface ResolvedAutoscaling {
    name: string;
    minReplicas: number;
    maxReplicas: number;
    targetCpuUtilization?: number;
    targetMemoryUtilization?: number;
}

export interface Resolved {
    release: string;
    /** Unset: the Kubernetes provider's default namespace. */
    namespace?: Input<string>;
    labels?: StringMap;
    annotations?: StringMap;
    workload: ResolvedWorkload;
    replicas: number;
    autoscaling?: ResolvedAutoscaling;
    steps: ResolvedStep[];
    services: ResolvedServices;
    traffic: ResolvedTraffic;
    analysis?: ResolvedAnalysis;
    strategy: StrategyOptions;
    /** The least time to full promotion, and the manual gates on the way. */
    timing: PlanTiming;
    delivery: ResolvedDelivery;
}

export type ControlAction = "promote" | "promoteFull" | "abort" | "retry";

/** A control declared in the program (promote, abort...), for the canary of `image`. */
export interface ResolvedControl {
    action: ControlAction;
    /** The canary's image the control is meant for. */
    image: string;
    /** For promote: the 0-based stage whose gate it passes. */
    stage?: number;
}

export interface ResolvedDelivery {
    wait: boolean;
    onManualGate: GateAction;
    timeoutSeconds: number;
    control?: ResolvedControl;
}

/** The least time a release of these stages takes to reach 100%. */
export interface PlanTiming {
    /** Timed waits plus the shortest time each stage analysis can take, in seconds. */
    minimumSeconds: number;
    /** 1-based numbers of the stages that wait until someone promotes the release. */
    manualGates: number[];
}
