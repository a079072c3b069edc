// Runs one policy the way the policy server in @pulumi/policy 1.21 (server.js) does, without the
// CLI: the enforcement level comes from the policy config, else the policy, else the pack default
// ("advisory"); "disabled" skips the policy; "remediate" runs remediateResource first and reports
// what still fails as "mandatory"; props are wrapped in the same unknown-checking proxy, and a
// policy that reads a value unknown during preview becomes one advisory "can't run" diagnostic.
import * as pulumi from "@pulumi/pulumi";
import {
    EnforcementLevel,
    PolicyResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
    UnknownValueError,
    unknownCheckingProxy,
} from "@pulumi/policy";

/** What `pulumi preview` would show for one diagnostic. */
export interface Violation {
    /** The text the policy passed to reportViolation (the CLI prints the description above it). */
    message: string;
    level: EnforcementLevel;
    urn?: string;
}

export interface Outcome {
    violations: Violation[];
    /** Set when the policy called notApplicable. */
    notApplicable?: string;
    /** Set when the policy was disabled by configuration. */
    disabled?: boolean;
    /** The props after remediation, when a remediation changed them. */
    remediated?: Record<string, unknown>;
    messages: string[];
}

/** A policy's entry in a policy config file: a level, or an object with an optional level and config keys. */
export type PolicyConfig = EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>);

export interface Options {
    config?: PolicyConfig;
    stackTags?: Record<string, string>;
    stack?: string;
    project?: string;
}

/** A resource as a test declares it. */
export interface ResourceSpec {
    type: string;
    name: string;
    props: Record<string, unknown>;
    /** Name of the parent resource (declared in the same list), for stack tests. */
    parent?: string;
    /** Inputs of an explicit Kubernetes provider. */
    provider?: Record<string, unknown>;
}

const PACK_DEFAULT_LEVEL: EnforcementLevel = "advisory";

class NotApplicable extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "not applicable");
    }
}

function splitConfig(config: PolicyConfig | undefined): { level?: EnforcementLevel; values: Record<string, unknown> } {
    if (config === undefined) return { values: {} };
    if (typeof config === "string") return { level: config, values: {} };
    const { enforcementLevel, ...values } = config;
    return { level: enforcementLevel, values };
}

/** Where the policy runs, its configuration values, and its level: the configured one, else the policy's, else the pack's. */
function runSettings(policy: { enforcementLevel?: EnforcementLevel }, options: Options) {
    const { level, values } = splitConfig(options.config);
    const runLevel: EnforcementLevel = level ?? policy.enforcementLevel ?? PACK_DEFAULT_LEVEL;
    return { stack: options.stack ?? "dev", project: options.project ?? "shop", values, level: runLevel };
}

function urnOf(stack: string, project: string, typeChain: string, name: string): string {
    return `urn:pulumi:${stack}::${project}::${typeChain}::${name}`;
}

function providerOf(spec: ResourceSpec, stack: string, project: string) {
    if (!spec.provider) return undefined;
    return { type: "pulumi:providers:kubernetes", props: spec.provider, urn: urnOf(stack, project, "pulumi:providers:kubernetes", "k8s"), name: "k8s" };
}

const OPTIONS = {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
};

function deepCopy<T>(value: T): T {
    return JSON.parse(JSON.stringify(value)) as T;
}

function recorder(level: EnforcementLevel, violations: Violation[]) {
    return (message: string, urn?: string) => violations.push({ message, level, urn });
}

function outcome(violations: Violation[], extra: Partial<Outcome> = {}): Outcome {
    return { violations, messages: violations.map(v => v.message), ...extra };
}

/** Runs a resource policy (remediation, then validation) on one resource's inputs. */
export async function runResourcePolicy(
    policy: ResourceValidationPolicy,
    resource: ResourceSpec,
    options: Options = {},
): Promise<Outcome> {
    const { stack, project, values, ...settings } = runSettings(policy, options);
    let level = settings.level;
    if (level === "disabled") return outcome([], { disabled: true });

    let props: Record<string, unknown> = deepCopy(resource.props);
    const makeArgs = (): ResourceValidationArgs => ({
        type: resource.type,
        props: unknownCheckingProxy(props),
        urn: urnOf(stack, project, resource.type, resource.name),
        name: resource.name,
        opts: OPTIONS,
        provider: providerOf(resource, stack, project),
        stackTags: new Map(Object.entries(options.stackTags ?? {})),
        isType: () => false,
        asType: () => undefined,
        getConfig: <T extends object>() => deepCopy(values) as T,
        notApplicable: (reason?: string): never => {
            throw new NotApplicable(reason);
        },
    });

    let remediated: Record<string, unknown> | undefined;
    if (level === "remediate" && policy.remediateResource) {
        try {
            const result = await Promise.resolve(policy.remediateResource(makeArgs()));
            if (result) {
                props = deepCopy(result as Record<string, unknown>);
                remediated = props;
            }
        } catch (e) {
            if (!(e instanceof NotApplicable)) throw e;
        }
    }
    if (level === "remediate") level = "mandatory";

    const violations: Violation[] = [];
    const validations = policy.validateResource === undefined ? [] : [policy.validateResource].flat();
    for (const validate of validations) {
        try {
            await Promise.resolve(validate(makeArgs(), recorder(level, violations)));
        } catch (e) {
            if (e instanceof NotApplicable) return outcome(violations, { notApplicable: e.reason ?? "", remediated });
            if (e instanceof UnknownValueError) {
                violations.push({ message: `can't run policy '${policy.name}' during preview: ${(e as Error).message}`, level: "advisory" });
                continue;
            }
            throw e;
        }
    }
    return outcome(violations, { remediated });
}

/** Runs a stack policy over resources given as their outputs, with parents linked by name. */
export async function runStackPolicy(
    policy: StackValidationPolicy,
    resources: ResourceSpec[],
    options: Options = {},
): Promise<Outcome> {
    const { stack, project, values, ...settings } = runSettings(policy, options);
    let level = settings.level;
    if (level === "disabled") return outcome([], { disabled: true });
    if (level === "remediate") level = "mandatory";

    // Resources are told apart by position (a Rollout and a Deployment may share a name, as in
    // Pulumi, where the type is part of the URN); a parent is named by its resource name.
    const parentOf = (spec: ResourceSpec): ResourceSpec | undefined =>
        spec.parent === undefined ? undefined : resources.find(r => r !== spec && r.name === spec.parent);
    const typeChain = (spec: ResourceSpec): string => {
        const parent = parentOf(spec);
        return parent ? `${typeChain(parent)}$${spec.type}` : spec.type;
    };
    const built: PolicyResource[] = resources.map(spec => ({
        type: spec.type,
        props: unknownCheckingProxy(deepCopy(spec.props)),
        urn: urnOf(stack, project, typeChain(spec), spec.name),
        name: spec.name,
        opts: { ...OPTIONS, parent: undefined },
        provider: providerOf(spec, stack, project),
        dependencies: [],
        propertyDependencies: {},
        isType: () => false,
        asType: () => undefined,
    }));
    resources.forEach((spec, i) => {
        const parent = parentOf(spec);
        if (parent) {
            built[i].parent = built[resources.indexOf(parent)];
            built[i].opts.parent = built[i].parent!.urn;
        }
    });

    const violations: Violation[] = [];
    const args: StackValidationArgs = {
        resources: built,
        stackTags: new Map(Object.entries(options.stackTags ?? {})),
        getConfig: <T extends object>() => deepCopy(values) as T,
        notApplicable: (reason?: string): never => {
            throw new NotApplicable(reason);
        },
    };
    try {
        await Promise.resolve(policy.validateStack(args, recorder(level, violations)));
    } catch (e) {
        if (e instanceof NotApplicable) return outcome(violations, { notApplicable: e.reason ?? "" });
        if (e instanceof UnknownValueError) {
            violations.push({ message: `can't run policy '${policy.name}' during preview: ${(e as Error).message}`, level: "advisory" });
            return outcome(violations);
        }
        throw e;
    }
    return outcome(violations);
}

/** The URN the harness gives a top-level resource, for asserting where a stack violation points. */
export function urnFor(type: string, name: string, stack = "dev", project = "shop"): string {
    return urnOf(stack, project, type, name);
}

/** A string the engine sends for a value not known during preview (@pulumi/policy proxy.js, not in its typings). */
export const UNKNOWN_STRING: string = require("@pulumi/policy/proxy").unknownStringValue;

/**
 * Runs `body` with the stack configuration the CLI would hand the policy pack process (the
 * `PULUMI_CONFIG` the Node.js runtime reads), then restores what was there.
 */
export async function withStackConfig<T>(config: Record<string, string>, body: () => T | Promise<T>): Promise<T> {
    const saved = pulumi.runtime.allConfig();
    pulumi.runtime.setAllConfig(config);
    try {
        return await body();
    } finally {
        pulumi.runtime.setAllConfig(saved);
    }
}
