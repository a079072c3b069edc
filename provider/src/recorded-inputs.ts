// The arguments as the component records them in the state. The state keeps a component's
// inputs in every checkpoint and history file, so a bearer token given as a plain string for a
// Prometheus header would sit there in plaintext, although its Kubernetes Secret is a Pulumi
// secret. Everything that ends up in a Kubernetes Secret is made a Pulumi secret here first.
import * as pulumi from "@pulumi/pulumi";
import type { CanaryDeliveryArgs } from "./args";

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

/** `args` with every header value (of the Prometheus queries and of the webhooks) a Pulumi secret; the rest as given. */
export function recordedInputs(args: CanaryDeliveryArgs): CanaryDeliveryArgs {
    if (args.analysis === undefined) return args;
    const prometheus = within(args.analysis, "prometheus", (p) => within(p, "headers", secretHeaderValues));
    const analysis = within(prometheus, "webhooks", secretWebhookHeaders);
    return { ...args, analysis: analysis as CanaryDeliveryArgs["analysis"] };
}
