// The value of an Input as the live reads need it: known, or undefined.
import * as pulumi from "@pulumi/pulumi";

/**
 * The value of an Output, or undefined while it is unknown (a preview of values that come from
 * resources not created yet). Uses the Output's own promise: an `apply` would not run at all then,
 * and the live reads must always settle, since registrations wait for them.
 */
export async function settle<T>(value: pulumi.Input<T> | undefined): Promise<T | undefined> {
    const out = pulumi.output(value) as unknown as { isKnown: Promise<boolean>; promise(): Promise<T> };
    return (await out.isKnown) ? out.promise() : undefined;
}
