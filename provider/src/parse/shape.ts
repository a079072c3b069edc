// Compile-time ties between the public argument types (args.ts, which the schema, SDKs and docs
// come from) and the zod schemas that check them: a property added to one and not the other
// fails `tsc`, naming the property paths that differ.
import type { OutputInstance } from "@pulumi/pulumi";

type IsAny<T> = 0 extends 1 & T ? true : false;

/** `pulumi.Input<T>` as the value it stands for. */
type Unwrapped<T> = T extends OutputInstance<infer U> ? U : T extends PromiseLike<infer U> ? U : T;

/**
 * Every property path of an argument type, e.g. "istio.retries.attempts" and "steps[].weight".
 * Paths stop at maps (a string index), at primitives, and where a schema accepts anything (an
 * Input whose value is checked only when it is plain).
 */
export type PropertyPaths<T, Prefix extends string = ""> =
    IsAny<T> extends true ? never
    : T extends readonly unknown[] ? never
    : T extends object
      ? string extends keyof T ? never
        : { [K in keyof T & string]-?: `${Prefix}${K}` | PropertyPaths<Element<Value<T[K]>>, `${Prefix}${K}${Value<T[K]> extends readonly unknown[] ? "[]" : ""}.`> }[keyof T & string]
      : never;

type Value<V> = Unwrapped<NonNullable<V>>;
type Element<V> = V extends readonly (infer E)[] ? Unwrapped<E> : V;

/** `true` when both types have the same property paths; otherwise the paths each one lacks. */
export type SameShape<Args, Schema> =
    [Exclude<PropertyPaths<Args>, PropertyPaths<Schema>>, Exclude<PropertyPaths<Schema>, PropertyPaths<Args>>] extends [never, never]
        ? true
        : { onlyInArgs: Exclude<PropertyPaths<Args>, PropertyPaths<Schema>>; onlyInSchema: Exclude<PropertyPaths<Schema>, PropertyPaths<Args>> };

/** Fails to compile unless its type argument is `true`: `assertSameShape<SameShape<A, B>>()`. */
export function assertSameShape<T extends true>(): T | void {
    return undefined;
}
