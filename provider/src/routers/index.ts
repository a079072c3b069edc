// The registry of traffic routers. A release uses at most one, chosen by which router's
// argument property is set (as Argo picks its router by which field of trafficRouting is set);
// with none it is a replica-count canary. Adding a router is a folder and one line here.
import type { CanaryDeliveryArgs } from "../args";
import type { Resolved } from "../resolve/model";
import type { AnyRouter, AnyRouting, ServiceLayout } from "./contract";
import { gatewayApiRouter } from "./gateway-api";
import { istioRouter } from "./istio";
import { nginxRouter } from "./nginx";
import { NO_ROUTER_KIND, noRouter } from "./none";

/** Every traffic router, in the order messages list them. */
const REGISTERED = [istioRouter, nginxRouter, gatewayApiRouter] as const;

export const ROUTERS: readonly AnyRouter[] = REGISTERED;
/** The argument properties that select a router, as a type. */
export type RouterKey = (typeof REGISTERED)[number]["key"];

/** The argument properties that select a router. */
export const ROUTER_KEYS = ROUTERS.map((r) => r.key);

/** The routers whose property is set, in registry order (more than one is an argument error). */
export function routersSet(args: CanaryDeliveryArgs): AnyRouter[] {
    const given = args as unknown as Record<string, unknown>;
    return ROUTERS.filter((r) => given[r.key] !== undefined);
}

/** How the release routes traffic: its router and that router's argument block, or the fallback. */
export function routingOf(args: CanaryDeliveryArgs): { routing: AnyRouting; block: unknown; routed: boolean } {
    const router = routersSet(args)[0];
    if (!router) return { routing: noRouter, block: undefined, routed: false };
    return { routing: router, block: (args as unknown as Record<string, unknown>)[router.key], routed: true };
}

/** The router of a resolved release. */
export function routingFor(r: Resolved): AnyRouting {
    return ROUTERS.find((m) => m.key === r.traffic.kind) ?? noRouter;
}

/** Which Services the release creates, by its router. */
export function serviceLayout(args: CanaryDeliveryArgs): ServiceLayout {
    const { routing, block } = routingOf(args);
    return routing.services(block, args);
}

/** "istio or nginx": the routers as messages list them. */
export const ROUTER_WORDS = words(ROUTER_KEYS);

/** How messages name every way of routing that uses `layout`: "an istio host split or nginx". */
export function serviceLayoutWords(layout: Exclude<ServiceLayout, "none">): string {
    return words([...ROUTERS, noRouter].map((r) => r.serviceWords[layout]).filter((w): w is string => w !== undefined));
}

export { NO_ROUTER_KIND };
export type { AnyRouter, AnyRouting, RouterModule, RouterOutputs, ServiceLayout } from "./contract";

function words(items: readonly string[]): string {
    return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}
