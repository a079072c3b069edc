// The shape of the `nginx` argument.
import { z } from "zod";
import { NginxTraffic, PathType } from "../../args";
import { assertSameShape, SameShape } from "../../parse/shape";
import { dnsSubdomain, qualifiedName } from "../../names";
import { httpPath } from "../../parse/formats";
import { quote } from "../../parse/rules/problem";
import { annotationsFit, arr, obj, oneOf, rule } from "../../parse/zod-helpers";
import { matchSchema } from "../matches";

const subdomain = () => rule(dnsSubdomain);

export const nginxSchema = obj({
    stableIngress: subdomain().optional(),
    // A Service name: the name rules check it as one (parse/rules/names.ts), like service.stableName.
    stableService: z.string().optional(),
    host: rule((h) => (!dnsSubdomain(h.replace(/^\*\./, "")) ? undefined : `must be a DNS name (optionally starting with "*."), got ${quote(h)}`)).optional(),
    path: rule(httpPath).optional(),
    pathType: oneOf(PathType).optional(),
    className: subdomain().optional(),
    tlsSecretName: subdomain().optional(),
    annotationPrefix: subdomain().optional(),
    additionalIngressAnnotations: z.record(rule(qualifiedName), z.string()).superRefine(annotationsFit).optional(),
    matches: arr(matchSchema).optional(),
});

// The public type and this schema name the same properties (a difference fails to compile).
assertSameShape<SameShape<NginxTraffic, z.output<typeof nginxSchema>>>();
