// The preamble every policy of the pack shares, written once (as compliance-policies' policy
// manager does), so that a policy file holds only its rule: its own configuration keys (the
// shared `exclude` added, the defaults filled in), the types it checks and the not-applicable
// reason for the others, exemptions by `exclude`, and how messages name the object.
import type {
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { configSchema, isExcluded, readConfig } from "./config";
import { ROLLOUT, isClusterScoped, kindOf } from "./kinds";
import { Json, objectName, objectNamespace, subject } from "./manifest";
import { KIND_NAMES, NamespacedKind, StackIndex, StackObject } from "./stack";

/** The Kubernetes object a resource-level policy is looking at. */
export interface ObjectUnderTest {
    props: Json;
    kind: string;
    name: string;
    /** Undefined for cluster-scoped kinds (Namespace, ClusterRole...). */
    namespace: string | undefined;
}

/** The configuration every policy has besides its own keys. */
export interface Exclusions {
    exclude: string[];
}

interface PolicyBasics<C> {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    /** The policy's own configuration keys, each with its default; `exclude` is added to every policy. */
    config?: { [K in keyof C]: PolicyConfigJSONSchema };
}

/** The resource types a resource policy checks, and how its not-applicable reason names them. */
export interface Targets {
    matches(type: string): boolean;
    description: string;
}

export function isType(token: string): (type: string) => boolean {
    return type => type === token;
}

export const ROLLOUTS: Targets = { matches: isType(ROLLOUT), description: "Argo Rollouts Rollouts" };

/** What a resource policy's rule is given. */
export interface ResourceCheck<C> {
    object: ObjectUnderTest;
    /** How messages name the object: `Rollout "shop/checkout"`. */
    who: string;
    config: C & Exclusions;
    args: ResourceValidationArgs;
}

export interface ResourcePolicySpec<C> extends PolicyBasics<C> {
    appliesTo: Targets;
    /**
     * Asked before exemptions: a reason makes the policy not applicable to this resource
     * (`args.notApplicable`), e.g. when the stack is not one the policy is configured for.
     */
    notApplicable?(check: ResourceCheck<C>): string | undefined;
    /** The name `exclude` is matched against. Defaults to the object's namespace and name. */
    exemptionName?(check: ResourceCheck<C>): { namespace: string | undefined; name: string };
    validate(check: ResourceCheck<C>, report: ReportViolation): void;
    /** Changes the props before they are sent (enforcement level "remediate"); same types and exemptions. */
    remediate?(check: ResourceCheck<C>): Json | undefined;
}

/**
 * A resource policy: on the types `appliesTo` accepts (others are reported as not applicable, as
 * `validateResourceOfType` does for typed SDK classes, which CustomResources lack), with its
 * configuration read, and skipping objects its `exclude` patterns name.
 */
export function resourcePolicy<C = {}>(spec: ResourcePolicySpec<C>): ResourceValidationPolicy {
    const schema = configSchema(spec.config ?? {});
    const checkOf = (args: ResourceValidationArgs): ResourceCheck<C> => {
        const props = args.props as Json;
        const object: ObjectUnderTest = {
            props,
            kind: kindOf(args.type),
            name: objectName(props, args.name),
            namespace: isClusterScoped(args.type) ? undefined : objectNamespace(props, args.provider),
        };
        const who = subject(object.kind, object.namespace, object.name);
        return { object, who, config: readConfig<C & Exclusions>(args, schema), args };
    };
    const exempt = (check: ResourceCheck<C>): boolean => {
        const { namespace, name } = spec.exemptionName?.(check) ?? check.object;
        return isExcluded(check.config.exclude, namespace, name);
    };
    const policy: ResourceValidationPolicy = {
        name: spec.name,
        description: spec.description,
        enforcementLevel: spec.enforcementLevel,
        configSchema: schema,
        validateResource: (args, report) => {
            if (!spec.appliesTo.matches(args.type)) args.notApplicable(`applies to ${spec.appliesTo.description} only`);
            const check = checkOf(args);
            const reason = spec.notApplicable?.(check);
            if (reason !== undefined) args.notApplicable(reason);
            if (exempt(check)) return;
            spec.validate(check, report);
        },
    };
    const remediate = spec.remediate;
    if (remediate) {
        policy.remediateResource = args => {
            if (!spec.appliesTo.matches(args.type)) return undefined;
            const check = checkOf(args);
            if (spec.notApplicable?.(check) !== undefined || exempt(check)) return undefined;
            return remediate(check);
        };
    }
    return policy;
}

/** What a stack policy's rule is given. */
export interface StackCheck<C> {
    index: StackIndex;
    config: C & Exclusions;
    args: StackValidationArgs;
    /**
     * Runs `check` on each Rollout the policy's `exclude` patterns leave in, with how messages name
     * it; a value unknown during a preview skips only the Rollout that holds it.
     */
    eachRollout(check: (rollout: StackObject, who: string) => void): void;
    /**
     * The object a Rollout's reference (`<ref.path>.name`) points at, when the stack declares it.
     * Otherwise undefined and, when `required`, a violation on the Rollout that says so.
     */
    referenced(rollout: StackObject, kind: NamespacedKind, ref: Reference, required: boolean): StackObject | undefined;
}

/**
 * The `requireInStack` configuration key of a policy that follows a Rollout's references with
 * `referenced`: `unchecked` says what the policy skips by default.
 */
export function requireInStack(kind: string, unchecked: string): { requireInStack: PolicyConfigJSONSchema } {
    return {
        requireInStack: {
            type: "boolean",
            default: false,
            description: `Report a ${kind} named by a Rollout that is not declared in the stack. Defaults to false: ${unchecked} cannot be checked, so it is skipped.`,
        },
    };
}

export interface Reference {
    namespace: string;
    name: string;
    /** The field of the Rollout that holds the reference. */
    path: string;
}

export interface StackPolicySpec<C> extends PolicyBasics<C> {
    validate(check: StackCheck<C>, report: ReportViolation): void;
}

/** A stack policy over an index of the stack's objects, with its configuration read. */
export function stackPolicy<C = {}>(spec: StackPolicySpec<C>): StackValidationPolicy {
    const schema = configSchema(spec.config ?? {});
    return {
        name: spec.name,
        description: spec.description,
        enforcementLevel: spec.enforcementLevel,
        configSchema: schema,
        validateStack: (args, report) => {
            const config = readConfig<C & Exclusions>(args, schema);
            const index = new StackIndex(args.resources);
            spec.validate(
                {
                    index,
                    config,
                    args,
                    eachRollout: check =>
                        index.forEachRollout(config.exclude, rollout => check(rollout, subject("Rollout", rollout.namespace, rollout.name))),
                    referenced: (rollout, kind, ref, required) => {
                        const found = index.find(kind, ref.namespace, ref.name);
                        if (!found && required) {
                            report(
                                `${subject("Rollout", rollout.namespace, rollout.name)}: ${ref.path}.name names ` +
                                    `${subject(KIND_NAMES[kind], ref.namespace, ref.name)}, which is not declared in this stack.`,
                                rollout.resource.urn,
                            );
                        }
                        return found;
                    },
                },
                report,
            );
        },
    };
}
