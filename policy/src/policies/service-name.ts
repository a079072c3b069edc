import { ResourceValidationPolicy } from "@pulumi/policy";
import { configSchema, isExcluded, readConfig } from "../lib/config";
import { SERVICE } from "../lib/kinds";
import { subject } from "../lib/manifest";
import { rfc1035Label } from "../lib/names";
import { forTypes, isType } from "../lib/policy";

const schema = configSchema({});

interface Config {
    exclude: string[];
}

/** Service names are RFC 1035 labels: a release named `1app` passes the release rule and fails here. */
export const serviceName: ResourceValidationPolicy = {
    name: "canary-service-name",
    description: "Service names are RFC 1035 labels: at most 63 characters, starting with a letter.",
    enforcementLevel: "mandatory",
    configSchema: schema,
    validateResource: forTypes(isType(SERVICE), "Services", (service, args, report) => {
        const config = readConfig<Config>(args, schema);
        if (isExcluded(config.exclude, service.namespace, service.name)) return;
        const problem = rfc1035Label(service.name);
        if (problem) report(`${subject("Service", service.namespace, service.name)}: metadata.name "${service.name}" ${problem}.`);
    }),
};
