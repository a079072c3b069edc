import { SERVICE } from "../lib/kinds";
import { rfc1035Label } from "../lib/names";
import { isType, resourcePolicy } from "../lib/policy";

/** Service names are RFC 1035 labels: a release named `1app` passes the release rule and fails here. */
export const serviceName = resourcePolicy({
    name: "canary-service-name",
    description: "Service names are RFC 1035 labels: at most 63 characters, starting with a letter.",
    enforcementLevel: "mandatory",
    appliesTo: { matches: isType(SERVICE), description: "Services" },
    validate: ({ object: service, who }, report) => {
        const problem = rfc1035Label(service.name);
        if (problem) report(`${who}: metadata.name "${service.name}" ${problem}.`);
    },
});
