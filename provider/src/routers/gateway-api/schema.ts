// The shape of the `gatewayApi` argument.
import type { z } from "zod";
import type { GatewayApiTraffic } from "./args";
import { dnsSubdomain, rfc1123Label } from "../../names";
import { httpPath } from "../../parse/formats";
import { quote } from "../../parse/rules/problem";
import { assertSameShape, SameShape } from "../../parse/shape";
import { arr, obj, rule } from "../../parse/zod-helpers";
import { matchSchema } from "../matches";

/** Gateway API hostnames: DNS names, optionally with one leading "*." label (no IPs, no ports). */
const hostname = rule((h) => (!dnsSubdomain(h.replace(/^\*\./, "")) ? undefined : `must be a DNS name (optionally starting with "*."), got ${quote(h)}`));

export const gatewayApiSchema = obj({
    httpRouteName: rule(dnsSubdomain).optional(),
    parentRefs: arr(obj({
        name: rule(dnsSubdomain),
        namespace: rule(rfc1123Label).optional(),
        sectionName: rule(dnsSubdomain).optional(),
    }), { count: 1, message: "must name at least one Gateway when set" }).optional(),
    hostnames: arr(hostname, { count: 1, message: "must have at least one hostname when set" }).optional(),
    pathPrefix: rule(httpPath).optional(),
    matches: arr(matchSchema).optional(),
});

// The public type and this schema name the same properties (a difference fails to compile).
assertSameShape<SameShape<GatewayApiTraffic, z.output<typeof gatewayApiSchema>>>();
