// What the component records in the state: a few inputs, and its arguments as an output.
//
// Inputs: the state's inputs of a component are what the engine diffs. Were they the full arguments,
// every change of them (an image, say) would be an update step of the component on top of its
// Rollout's: two more whole-checkpoint writes per release on a file backend. So the inputs are
// what the policy pack reads (the release name and the Services it implies) and the namespace,
// which change only with the release's identity or routing, and the engine shows the change on
// the objects that change.
//
// The arguments: recorded as the `arguments` output, which the state rewrites only when they
// change (the engine skips a registration of equal outputs), in one write instead of an update
// step's two. The release report diffs them, old (the state) against new (the preview's outputs).
// All but the pod template's image: it is the field a release changes most often, and the
// Rollout's own state already holds it as given (its one container's image), so the report reads
// it from there, and an image change rewrites the state no more often than the raw objects would
// (50 releases: 1.79x their time with the arguments as inputs, 1.41x with the image in this
// output, 1.21x and 1.10x in two runs without it, 1.04x recording no arguments at all; README
// "Performance").
// The state keeps the arguments in every checkpoint and history file, so a bearer token given as a
// plain string for a Prometheus header would sit there in plaintext, although its Kubernetes
// Secret is a Pulumi secret. Everything that ends up in a Kubernetes Secret is made a Pulumi
// secret here first.
import * as pulumi from "@pulumi/pulumi";
import type { CanaryDeliveryArgs, PodTemplate } from "./args";
import { ROUTER_KEYS } from "./routers";

/** The arguments recorded as inputs besides `releaseName`. */
const IDENTITY_KEYS = ["namespace", ...ROUTER_KEYS, "service"] as (keyof CanaryDeliveryArgs)[];

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
    typeof x === "object" && x !== null && !Array.isArray(x) && !pulumi.Output.isInstance(x) && typeof (x as { then?: unknown }).then !== "function";

/**
 * `value` with `f` applied to its property `key`; a value that is not a plain object yet (an
 * Output or a promise of one, as a program may pass) is made a secret whole, since what it
 * holds cannot be reached until it resolves.
 */
function within(value: unknown, key: string, f: (inner: unknown) => unknown): unknown {
    if (value === undefined || value === null) return value;
    if (!isPlainObject(value)) return pulumi.secret(value as pulumi.Input<unknown>);
    return key in value ? { ...value, [key]: f(value[key]) } : value;
}

const secretHeaderValues = (headers: unknown): unknown => {
    if (headers === undefined || headers === null) return headers;
    if (!Array.isArray(headers)) return pulumi.secret(headers as pulumi.Input<unknown>);
    return headers.map((h) => within(h, "value", (v) => (v === undefined ? v : pulumi.secret(v as pulumi.Input<string>))));
};

const secretWebhookHeaders = (webhooks: unknown): unknown => {
    if (webhooks === undefined || webhooks === null) return webhooks;
    if (!Array.isArray(webhooks)) return pulumi.secret(webhooks as pulumi.Input<unknown>);
    return webhooks.map((w) => within(w, "headers", secretHeaderValues));
};

/**
 * The arguments the component records as its inputs, as given: `releaseName` (null when unset, so
 * the inputs say that it is unset), `namespace`, and the routing blocks (`istio`, `nginx`,
 * `gatewayApi`, `service`), which decide whether the component creates Services.
 */
export function recordedInputs(args: CanaryDeliveryArgs): Record<string, unknown> {
    const kept: Record<string, unknown> = { releaseName: args.releaseName ?? null };
    for (const key of IDENTITY_KEYS) {
        if (args[key] !== undefined) kept[key] = args[key];
    }
    return kept;
}

/**
 * `args` as the `arguments` output records them: without the pod template's image (the Rollout's
 * state holds it), with every header value (of the Prometheus queries and of the webhooks) a Pulumi
 * secret; the rest as given.
 */
export function recordedArguments(args: CanaryDeliveryArgs): RecordedArguments {
    const recorded: RecordedArguments = isPlainObject(args.template) ? { ...args, template: withoutImage(args.template) } : args;
    if (args.analysis === undefined) return recorded;
    const prometheus = within(args.analysis, "prometheus", (p) => within(p, "headers", secretHeaderValues));
    const analysis = within(prometheus, "webhooks", secretWebhookHeaders);
    return { ...recorded, analysis: analysis as CanaryDeliveryArgs["analysis"] };
}

/** The arguments as recorded: the pod template's image may be left out (the Rollout holds it). */
export type RecordedArguments = Omit<CanaryDeliveryArgs, "template"> & { template?: Omit<PodTemplate, "image"> & { image?: PodTemplate["image"] } };

function withoutImage(template: PodTemplate): Omit<PodTemplate, "image"> {
    const { image: _image, ...rest } = template;
    return rest;
}
