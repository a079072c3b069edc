// The shape of CanaryDeliveryArgs as zod sees it: types, ranges and single-field formats.
// Rules that relate several fields live in rules.ts, so both run and report together.
import { z } from "zod";
import { GateAction, ImagePullPolicy, PresetSource, ProbeScheme, Protocol, ReleaseAction, ScaleDown, WebhookMethod, WebhookType } from "../args";
import { dnsSubdomain, portName, qualifiedName, rfc1123Label } from "../names";
import type { CanaryDeliveryArgs } from "../args";
import { RouterKey, ROUTERS } from "../routers";
import { assertSameShape, SameShape } from "./shape";
import { quote } from "./rules/problem";
import { exprProblem } from "./expr";
import { MIN_PRESET_WINDOW_SECONDS } from "../core/analysis-args";
import { humanDuration } from "../core/duration";
import { configMapKey, headerValue, httpPath, httpToken, httpUrl, imageReference, promQuery } from "./formats";
import { arr, duration, input, inputStringMap, int, intOrPercent, obj, oneOf, pause, percent, rule } from "./zod-helpers";

const QUANTITY = /^[+]?(\d+(\.\d*)?|\.\d+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?\d+)?$/;
const quantity = () => rule((q) => (QUANTITY.test(q) ? undefined : `must be a Kubernetes quantity such as "250m", "1" or "256Mi", got ${quote(q)}`));
const port = () => int(1, 65535);
const subdomain = () => rule(dnsSubdomain);
const keyRef = obj({ name: subdomain(), key: rule(configMapKey) });
const image = () => rule((i) => (i === "" ? "must not be empty" : imageReference(i)));

const workloadRef = obj({
    name: input(subdomain()),
    matchLabels: inputStringMap("label"),
    scaleDown: oneOf(ScaleDown).optional(),
    handBack: z.boolean().optional(),
    handBackReplicas: int(1).optional(),
});

const probe = obj({
    httpGet: obj({
        path: rule(httpPath),
        port: port().optional(),
        scheme: oneOf(ProbeScheme).optional(),
    }).optional(),
    tcpSocket: obj({ port: port().optional() }).optional(),
    exec: obj({ command: arr(z.string(), { count: 1, message: "must have at least one element" }) }).optional(),
    initialDelaySeconds: int(0).optional(),
    periodSeconds: int(1).optional(),
    timeoutSeconds: int(1).optional(),
    failureThreshold: int(1).optional(),
    successThreshold: int(1).optional(),
});

const resourceList = obj({ cpu: quantity().optional(), memory: quantity().optional() });

const template = obj({
    image: input(image()),
    containerName: rule(rfc1123Label).optional(),
    ports: arr(obj({
        containerPort: port(),
        name: rule(portName).optional(),
        protocol: oneOf(Protocol).optional(),
    }), { count: 1, message: "must have at least one port when set" }).optional(),
    env: arr(obj({
        name: rule((n) => (/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(n) ? undefined : "must be a C identifier-like name (letters, digits, '_', '-', '.'; not starting with a digit)")),
        value: input(z.string()).optional(),
        secretKeyRef: keyRef.optional(),
        configMapKeyRef: keyRef.optional(),
    })).optional(),
    resources: obj({ requests: resourceList.optional(), limits: resourceList.optional() }).optional(),
    readinessProbe: probe.optional(),
    livenessProbe: probe.optional(),
    startupProbe: probe.optional(),
    command: arr(z.string()).optional(),
    args: arr(z.string()).optional(),
    imagePullPolicy: oneOf(ImagePullPolicy).optional(),
    serviceAccountName: input(subdomain()).optional(),
    imagePullSecrets: arr(subdomain()).optional(),
    labels: z.record(rule(qualifiedName), rule((v) => (v.length <= 63 && /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(v) ? undefined : "must be a label value (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)"))).optional(),
    annotations: inputStringMap("annotation").optional(),
});

const step = obj({
    weight: z.number().int("must be a whole percentage from 0 to 100").min(0, "must be a percentage from 0 to 100").max(100, "must be a percentage from 0 to 100").optional(),
    pause: pause().optional(),
    analysis: z.boolean().optional(),
    setCanaryScale: obj({
        replicas: int(0).optional(),
        weight: int(0, 100).optional(),
        matchTrafficWeight: z.boolean().optional(),
    }).optional(),
});

/** A weight of a generated stage: 0 would be a stage without canary traffic, which a progression never means. */
const progressionWeight = () => z.number().int("must be a whole percentage from 1 to 100").min(1, "must be a percentage from 1 to 100").max(100, "must be a percentage from 1 to 100");

const progression = obj({
    stepWeight: progressionWeight().optional(),
    maxWeight: progressionWeight().optional(),
    stepWeights: arr(progressionWeight(), { count: 1, message: "must have at least one weight" }).optional(),
    // Each stage's pause: Argo counts a pause in whole seconds, so a shorter one would not wait.
    interval: duration({ seconds: 1, text: "1s", why: "each stage pauses for it, and Argo counts a pause in whole seconds" }),
});

/** A preset's rate() range, at least the floor MIN_PRESET_WINDOW_SECONDS explains. */
const presetWindow = () => duration({ seconds: MIN_PRESET_WINDOW_SECONDS, text: humanDuration(MIN_PRESET_WINDOW_SECONDS), why: "rate() needs two samples in its range, and Prometheus commonly scrapes every 15 to 30s" });

const metric = obj({
    name: rule(rfc1123Label),
    query: rule(promQuery),
    successCondition: rule(exprProblem).optional(),
    failureCondition: rule(exprProblem).optional(),
    interval: duration().optional(),
    initialDelay: duration().optional(),
    count: int(1).optional(),
    failureLimit: int(0).optional(),
    inconclusiveLimit: int(0).optional(),
    consecutiveErrorLimit: int(0).optional(),
});

const httpHeader = obj({
    name: rule(httpToken),
    value: input(rule(headerValue)).optional(),
    secretKeyRef: keyRef.optional(),
});

const webhook = obj({
    name: rule(rfc1123Label),
    url: rule(httpUrl),
    type: oneOf(WebhookType).optional(),
    stage: int(0).optional(),
    method: oneOf(WebhookMethod).optional(),
    headers: arr(httpHeader).optional(),
    body: z.string().optional(),
    jsonPath: z.string().min(1, "must not be empty").optional(),
    successCondition: rule(exprProblem).optional(),
    failureCondition: rule(exprProblem).optional(),
    // Argo's web provider takes whole seconds (timeoutSeconds).
    timeout: duration({ seconds: 1, text: "1s", why: "Argo's web provider times calls in whole seconds" }).optional(),
});

const loadTest = obj({
    name: rule(rfc1123Label).optional(),
    image: image(),
    command: arr(z.string()).optional(),
    args: arr(z.string()).optional(),
    activeDeadlineSeconds: int(1).optional(),
});

const analysis = obj({
    prometheus: obj({
        address: input(rule(httpUrl)),
        headers: arr(httpHeader).optional(),
        timeoutSeconds: int(1).optional(),
        insecure: z.boolean().optional(),
    }).optional(),
    successRate: obj({ minPercent: percent().optional(), window: presetWindow().optional() }).optional(),
    latency: obj({
        maxMilliseconds: z.number().positive("must be greater than 0").optional(),
        percentile: z.number().gt(0, "must be between 0 and 100 (exclusive)").lt(100, "must be between 0 and 100 (exclusive)").optional(),
        window: presetWindow().optional(),
    }).optional(),
    presetSource: oneOf(PresetSource).optional(),
    metrics: arr(metric).optional(),
    webhooks: arr(webhook).optional(),
    loadTest: loadTest.optional(),
    interval: duration().optional(),
    count: int(1).optional(),
    failureLimit: int(0).optional(),
    threshold: int(1).optional(),
    inconclusiveLimit: int(0).optional(),
    consecutiveErrorLimit: int(0).optional(),
    background: obj({ startingStep: int(0).optional() }).optional(),
});

const strategy = obj({
    maxSurge: intOrPercent().optional(),
    maxUnavailable: intOrPercent().optional(),
    scaleDownDelaySeconds: int(0).optional(),
    abortScaleDownDelaySeconds: int(0).optional(),
    dynamicStableScale: z.boolean().optional(),
    minReadySeconds: int(0).optional(),
    progressDeadlineSeconds: int(1).optional(),
    progressDeadlineAbort: z.boolean().optional(),
    revisionHistoryLimit: int(0).optional(),
});

const delivery = obj({
    wait: z.boolean().optional(),
    onManualGate: oneOf(GateAction).optional(),
    timeout: duration().optional(),
    control: obj({
        action: oneOf(ReleaseAction),
        image: image(),
        stage: int(1).optional(),
    }).optional(),
});

/** Every argument but the routers' properties, whose shapes the routers own. */
const baseShape = {
    releaseName: z.string().optional(),
    namespace: input(rule(rfc1123Label)).optional(),
    labels: inputStringMap("label").optional(),
    annotations: inputStringMap("annotation").optional(),
    workloadRef: workloadRef.optional(),
    template: template.optional(),
    replicas: int(0).optional(),
    autoscaling: obj({
        minReplicas: int(1).optional(),
        maxReplicas: int(1),
        targetCpuUtilization: int(1).optional(),
        targetMemoryUtilization: int(1).optional(),
    }).optional(),
    // Optional here; the rules require exactly one of steps and progression, naming both.
    steps: arr(step).optional(),
    progression: progression.optional(),
    allowDecreasingWeights: z.boolean().optional(),
    service: obj({
        port: port().optional(),
        targetPort: port().optional(),
        portName: rule(portName).optional(),
        appProtocol: rule(qualifiedName).optional(),
        stableName: z.string().optional(),
        canaryName: z.string().optional(),
        name: z.string().optional(),
    }).optional(),
    analysis: analysis.optional(),
    strategy: strategy.optional(),
    delivery: delivery.optional(),
};

export const argsSchema = obj({
    ...baseShape,
    // Each router's property, with the shape its module owns.
    ...Object.fromEntries(ROUTERS.map((r) => [r.key, r.schema.optional()])),
});

// The schema and the public types describe the same properties: a property added to one and not
// the other fails to compile here (and, for a router's property, in the router's schema file).
assertSameShape<SameShape<Omit<CanaryDeliveryArgs, RouterKey>, z.output<ReturnType<typeof obj<typeof baseShape>>>>>();
