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
// change, in one write instead of an update step's two (an image change of 50 releases: 1.79x the
// raw objects' time with the arguments as inputs, 1.41x so, 1.04x recording no arguments, which
// would leave the report without its diff; README "Performance"). The release report diffs them, old
// (the state) against new (the preview's outputs). The state keeps them in every checkpoint and
// history file, so a bearer token given as a plain string for a Prometheus header would sit there
// in plaintext, although its Kubernetes Secret is a Pulumi secret. Everything that ends up in a
// Kubernetes Secret is made a Pulumi secret here first.
import * as pulumi from "@pulumi/pulumi";
import type { CanaryDeliveryArgs } from "./args";
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

/** `args` with every header value (of the Prometheus queries and of the webhooks) a Pulumi secret; the rest as given. */
export function recordedArguments(args: CanaryDeliveryArgs): CanaryDeliveryArgs {
    if (args.analysis === undefined) return args;
    const prometheus = within(args.analysis, "prometheus", (p) => within(p, "headers", secretHeaderValues));
    const analysis = within(prometheus, "webhooks", secretWebhookHeaders);
    return { ...args, analysis: analysis as CanaryDeliveryArgs["analysis"] };
}
