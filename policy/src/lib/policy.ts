// Small adapters between the @pulumi/policy callbacks and the pack's policies.
import type { ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import { isClusterScoped, kindOf } from "./kinds";
import { Json, objectName, objectNamespace } from "./manifest";

/** The Kubernetes object a resource-level policy is looking at. */
export interface ObjectUnderTest {
    props: Json;
    kind: string;
    name: string;
    /** Undefined for cluster-scoped kinds (Namespace, ClusterRole...). */
    namespace: string | undefined;
}

/**
 * A resource validation that only applies to the types `matches` accepts; other types are reported
 * as not applicable (as `validateResourceOfType` does for typed SDK classes, which CustomResources lack).
 */
export function forTypes(
    matches: (type: string) => boolean,
    description: string,
    validate: (object: ObjectUnderTest, args: ResourceValidationArgs, report: ReportViolation) => void,
): (args: ResourceValidationArgs, report: ReportViolation) => void {
    return (args, report) => {
        if (!matches(args.type)) args.notApplicable(`applies to ${description} only`);
        const props = args.props as Json;
        validate(
            {
                props,
                kind: kindOf(args.type),
                name: objectName(props, args.name),
                namespace: isClusterScoped(args.type) ? undefined : objectNamespace(props, args.provider),
            },
            args,
            report,
        );
    };
}

export function isType(token: string): (type: string) => boolean {
    return type => type === token;
}

