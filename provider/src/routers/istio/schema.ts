// The shape of the `istio` argument.
import { z } from "zod";
import { IstioSplit, IstioTraffic } from "../../args";
import { assertSameShape, SameShape } from "../../parse/shape";
import { dnsSubdomain, rfc1123Label } from "../../names";
import { istioHost, retryOn } from "../../parse/formats";
import { quote } from "../../parse/rules/problem";
import { arr, duration, int, nonEmpty, obj, oneOf, rule } from "../../parse/zod-helpers";
import { matchSchema } from "../matches";

const subdomain = () => rule(dnsSubdomain);

const gateway = rule((g) =>
    g === "mesh" || g.split("/").length <= 2 && g.split("/").every((part) => !dnsSubdomain(part))
        ? undefined
        : `must be "mesh", "<name>" or "<namespace>/<name>", got ${quote(g)}`);

/** Istio's CRD validation refuses durations under a millisecond. */
const ISTIO_DURATION = { seconds: 0.001, text: "1ms", why: "Istio's smallest duration" };

export const istioSchema = obj({
    split: oneOf(IstioSplit).optional(),
    virtualServiceName: subdomain().optional(),
    routes: arr(nonEmpty(), { count: 1, message: "must name at least one route when set" }).optional(),
    hosts: arr(rule(istioHost), { count: 1, message: "must have at least one host when set" }).optional(),
    gateways: arr(gateway).optional(),
    retries: obj({
        attempts: int(0),
        perTryTimeout: duration(ISTIO_DURATION).optional(),
        retryOn: rule(retryOn).optional(),
    }).optional(),
    timeout: duration(ISTIO_DURATION).optional(),
    mutualTls: z.boolean().optional(),
    destinationRuleName: subdomain().optional(),
    canarySubset: rule(rfc1123Label).optional(),
    stableSubset: rule(rfc1123Label).optional(),
    matches: arr(matchSchema).optional(),
});

// The public type and this schema name the same properties (a difference fails to compile).
assertSameShape<SameShape<IstioTraffic, z.output<typeof istioSchema>>>();
