// Policy configuration: every policy declares a JSON schema whose defaults are applied here (the
// engine hands over only what the user set), plus the pieces several policies share: exemptions
// by object name and stack selection by stack name or stack tag.
import type { PolicyConfigSchema } from "@pulumi/policy";
import * as pulumi from "@pulumi/pulumi";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

/** `exclude`: objects a policy skips, shared by every policy. */
export const EXCLUDE_PROPERTY: Record<string, PolicyConfigJSONSchema> = {
    exclude: {
        type: "array",
        items: { type: "string" },
        default: [],
        description:
            "Objects this policy skips, as `<namespace>/<name>` or `<name>` patterns where `*` matches any run of characters " +
            "(for example `legacy/*` or `*-experimental`).",
    },
};

/** Builds a policy's schema: its own properties plus the shared `exclude`. */
export function configSchema(properties: Record<string, PolicyConfigJSONSchema>): PolicyConfigSchema {
    return { properties: { ...properties, ...EXCLUDE_PROPERTY } };
}

interface ConfigSource {
    getConfig<T extends object>(): T;
}

/** The policy's configuration with the schema's defaults filled in for every key the user left unset. */
export function readConfig<T extends object>(args: ConfigSource, schema: PolicyConfigSchema): T {
    const given = (args.getConfig<Record<string, unknown>>() ?? {}) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(schema.properties)) {
        out[key] = given[key] !== undefined ? given[key] : structuredClone(property.default);
    }
    for (const [key, value] of Object.entries(given)) {
        if (!(key in out)) out[key] = value;
    }
    return out as T;
}

/** `*` matches any run of characters; everything else is literal. */
export function globMatch(pattern: string, value: string): boolean {
    const escaped = pattern.split("*").map(part => part.replace(/[.+?^${}()|[\]\\/]/g, "\\$&"));
    return new RegExp(`^${escaped.join(".*")}$`).test(value);
}

/** Whether `<namespace>/<name>` or `<name>` matches one of the `exclude` patterns. */
export function isExcluded(exclude: readonly string[] | undefined, namespace: string | undefined, name: string): boolean {
    return (exclude ?? []).some(p => globMatch(p, name) || (namespace !== undefined && globMatch(p, `${namespace}/${name}`)));
}

/** The stack and project named in a URN: `urn:pulumi:<stack>::<project>::<type>::<name>`. */
export function stackOfUrn(urn: string): { stack: string; project: string } | undefined {
    const m = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(urn);
    return m ? { stack: m[1], project: m[2] } : undefined;
}

/**
 * A set of stacks chosen by configuration: by stack name (patterns matched against `<stack>` and
 * `<project>/<stack>`), by stack tags (every configured tag must have the configured value; a
 * value of `*` only requires the tag to be present), or by a stack configuration key set to
 * "true" in the stack itself (the CLI hands the stack's configuration to the policy pack process).
 */
export interface StackSelector {
    stacks: string[];
    stackTags: Record<string, string>;
    configKey: string;
}

/** Whether the stack's own configuration sets `key` (`<namespace>:<name>`) to true. */
export function stackConfigFlag(key: string): boolean {
    if (!key) return false;
    const value = pulumi.runtime.getConfig(key);
    return typeof value === "string" && value.trim().toLowerCase() === "true";
}

export function stackSelected(selector: StackSelector, urn: string, stackTags: ReadonlyMap<string, string>): boolean {
    const where = stackOfUrn(urn);
    const byName = where !== undefined && selector.stacks.some(p => globMatch(p, where.stack) || globMatch(p, `${where.project}/${where.stack}`));
    const tagEntries = Object.entries(selector.stackTags ?? {});
    const byTags =
        tagEntries.length > 0 &&
        tagEntries.every(([key, value]) => stackTags.has(key) && (value === "*" || stackTags.get(key) === value));
    return byName || byTags || stackConfigFlag(selector.configKey);
}

/** The configuration keys of a stack selection named `<prefix>`: `<prefix>Stacks`, `<prefix>StackTags`, `<prefix>ConfigKey`. */
export type SelectedStacks<P extends string> = { [K in `${P}Stacks`]: string[] } & { [K in `${P}StackTags`]: Record<string, string> } & {
    [K in `${P}ConfigKey`]: string;
};

export interface StackSelectionSpec<P extends string> {
    prefix: P;
    /** What a chosen stack is, in descriptions and the not-applicable reason: "a production stack". */
    what: string;
    /** Descriptions of the `<prefix>Stacks` and `<prefix>StackTags` keys. */
    stacks: string;
    stackTags: string;
}

/**
 * A stack selection as a policy's configuration (the three keys, with `canary-delivery:<prefix>` as
 * the default configuration key) and the question it answers for the resource at hand.
 */
export function stackSelection<P extends string>(spec: StackSelectionSpec<P>) {
    const stacks = `${spec.prefix}Stacks` as `${P}Stacks`;
    const stackTags = `${spec.prefix}StackTags` as `${P}StackTags`;
    const configKey = `${spec.prefix}ConfigKey` as `${P}ConfigKey`;
    const flag = `canary-delivery:${spec.prefix}`;
    const properties = {
        [stacks]: { type: "array", items: { type: "string" }, default: [], description: spec.stacks },
        [stackTags]: { type: "object", additionalProperties: { type: "string" }, default: {}, description: spec.stackTags },
        [configKey]: {
            type: "string",
            default: flag,
            description:
                `Stack configuration key that marks ${spec.what} when set to true in the stack ` +
                `(\`pulumi config set ${flag} true\`). Defaults to "${flag}"; "" turns it off.`,
        },
    } as { [K in keyof SelectedStacks<P>]: PolicyConfigJSONSchema };
    return {
        properties,
        /** Why the policy does not apply to the resource's stack, or undefined when the stack is chosen. */
        notApplicable({ config, args }: { config: SelectedStacks<P>; args: { urn: string; stackTags: ReadonlyMap<string, string> } }): string | undefined {
            const values: Record<string, unknown> = config;
            const selector: StackSelector = {
                stacks: values[stacks] as string[],
                stackTags: values[stackTags] as Record<string, string>,
                configKey: values[configKey] as string,
            };
            if (stackSelected(selector, args.urn, args.stackTags)) return undefined;
            return `not ${spec.what} (${stacks}, ${stackTags}, ${configKey})`;
        },
    };
}
