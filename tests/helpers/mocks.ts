// Pulumi runtime mocks that record every registration, and throw on any call (invoke) nobody
// mocked, so a component that quietly starts reading from a provider fails its tests.
import * as pulumi from "@pulumi/pulumi";

export interface Registration {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    custom: boolean;
}

/** Options a resource was registered with, captured by a transformation (runs in the SDK, so under mocks too). */
export interface RecordedOptions {
    type: string;
    name: string;
    parent?: pulumi.Resource;
    /** What it depends on; settled, since dependsOn may be a promise (the Rollout waits for the live read). */
    dependsOn: Promise<pulumi.Resource[]>;
    ignoreChanges?: string[];
    retainOnDelete?: boolean;
    resource?: pulumi.Resource;
}

export const registrations: Registration[] = [];

export function resetRegistrations(): void {
    registrations.length = 0;
}

pulumi.runtime.setMocks(
    {
        newResource(args: pulumi.runtime.MockResourceArgs) {
            registrations.push({ type: args.type, name: args.name, inputs: args.inputs, custom: args.custom === true });
            return { id: `${args.name}-id`, state: args.inputs };
        },
        call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
            throw new Error(`unmocked call ${args.token}(${JSON.stringify(args.inputs)})`);
        },
    },
    "canary-delivery-tests",
    "test",
    false,
);

/** A transformation that records the options of every resource it sees into `into`. */
export function recordOptions(into: RecordedOptions[]): pulumi.ResourceTransformation {
    return (args) => {
        into.push({
            type: args.type,
            name: args.name,
            parent: args.opts.parent,
            dependsOn: dependencies(args.opts.dependsOn),
            ignoreChanges: args.opts.ignoreChanges,
            retainOnDelete: args.opts.retainOnDelete,
            resource: args.resource,
        });
        return undefined;
    };
}

/**
 * The resources of a dependsOn option, however nested: the typed @pulumi/kubernetes classes merge
 * their options, which turns a dependsOn that is a promise into an Output of it.
 */
async function dependencies(d: unknown): Promise<pulumi.Resource[]> {
    const value = pulumi.Output.isInstance(d) ? await valueOf(d as pulumi.Output<unknown>) : await d;
    if (Array.isArray(value)) return (await Promise.all(value.map(dependencies))).flat();
    return value ? [value as pulumi.Resource] : [];
}

/** Resolves an Output's value (tests run with mocks, so every value is known). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((v) => resolve(v)));
}

/**
 * Resolves once every registration started so far has reached the mocks, including one still waiting
 * on its dependencies or inputs: the SDK holds each registration in its RPC queue from the moment a
 * resource is constructed, and a program ends only when that queue has drained (the SDK's own
 * waitForRPCs, which its typings leave out).
 */
export function registrationsDone(): Promise<void> {
    return (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
}
