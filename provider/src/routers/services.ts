// Which Services a release creates and what they are called: shared by the name rules (which
// must check every created name) and by the defaults (which must use the same names).
import type { CanaryDeliveryArgs } from "../args";
import { isObj } from "../parse/rules/problem";
import { routingOf, serviceLayout } from "./index";

export interface PlannedServices {
    /** `existing`: the user's Service, which the router drives and the release does not create. */
    stable?: { name: string; path: string; existing?: boolean };
    canary?: { name: string; path: string };
    /** The one Service of an Istio subset split or of a replica-count canary with `service` set. */
    single?: { name: string; path: string };
}

/** The Services the release creates or drives, each with the argument its name comes from. */
export function plannedServices(args: CanaryDeliveryArgs, release: string): PlannedServices {
    const layout = serviceLayout(args);
    const svc = args.service ?? {};
    const from = (explicit: string | undefined, key: string, fallback: string) =>
        explicit !== undefined ? { name: explicit, path: `service.${key}` } : { name: fallback, path: "releaseName" };
    if (layout === "two") {
        const { routing, block } = routingOf(args);
        const existing = isObj(block) ? routing.existingStableService?.(block) : undefined;
        return {
            stable: existing ? { ...existing, existing: true } : from(svc.stableName, "stableName", `${release}-stable`),
            canary: from(svc.canaryName, "canaryName", `${release}-canary`),
        };
    }
    if (layout === "one") return { single: from(svc.name, "name", release) };
    return {};
}
