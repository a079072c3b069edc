import { CANARY_DELIVERY } from "../lib/kinds";
import { Json, isRecord, str } from "../lib/manifest";
import { rfc1035Label, rfc1123Label } from "../lib/names";
import { isType, resourcePolicy } from "../lib/policy";

/** The release name: the `releaseName` argument, else the resource name. */
function releaseOf(props: Json, resourceName: string): string {
    return str(props.releaseName) || resourceName;
}

/**
 * The release name of a CanaryDelivery (its `releaseName` argument, else its resource name) is an
 * RFC 1123 label of at most 63 characters, starting with a letter when the component creates
 * Services (`istio`, `nginx` or `service` set), since Service names are RFC 1035 labels.
 * The component validates this too; the policy catches it for every stack at preview, before the
 * component runs, and for components built from older versions. It needs the component's inputs
 * (what the component passes to `super`); without them it does not apply.
 */
export const componentName = resourcePolicy<{ maxLength: number }>({
    name: "canary-component-name",
    description: "CanaryDelivery release names are RFC 1123 labels of at most 63 characters, starting with a letter when Services are created.",
    enforcementLevel: "mandatory",
    config: {
        maxLength: {
            type: "integer",
            minimum: 1,
            maximum: 63,
            default: 63,
            description: "Longest release name allowed. Defaults to 63 (an RFC 1123 label).",
        },
    },
    appliesTo: { matches: isType(CANARY_DELIVERY), description: "CanaryDelivery components" },
    // The component registered without its arguments, so an unset releaseName cannot be told
    // from one that was not sent: the resource name may not be the release name.
    notApplicable: ({ object }) =>
        !str(object.props.releaseName) && Object.keys(object.props).length === 0
            ? "the component sent no inputs; its Rollout's name is checked by canary-rollout-name"
            : undefined,
    exemptionName: ({ object, args }) => ({ namespace: undefined, name: releaseOf(object.props, args.name) }),
    validate: ({ object: component, config, args }, report) => {
        const props = component.props;
        const release = releaseOf(props, args.name);
        const field = str(props.releaseName)
            ? `releaseName "${release}"`
            : `resource name "${release}" (used as the release name: releaseName is unset)`;
        const asLabel = rfc1123Label(release, config.maxLength);
        if (asLabel) {
            report(`CanaryDelivery "${args.name}": ${field} ${asLabel}.`);
            return;
        }
        const createsServices = isRecord(props.istio) || isRecord(props.nginx) || isRecord(props.service);
        const asServiceName = createsServices ? rfc1035Label(release) : undefined;
        if (asServiceName) {
            report(`CanaryDelivery "${args.name}": ${field} ${asServiceName}: the component names its Services after the release.`);
        }
    },
});
