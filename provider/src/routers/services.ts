// Which Services a release creates and what they are called: shared by the name rules (which
// must check every created name) and by the defaults (which must use the same names).
import type { CanaryDeliveryArgs } from "../args";
import { serviceLayout } from "./index";

export interface PlannedServices {
    stable?: { name: string; path: string };
    canary?: { name: string; path: string };
    /** The one Service of an Istio subset split or of a replica-count canary with `service` set. */
    single?: { name: string; path: string };
}

/** The Services the release creates, each with the argument its name comes from. */
export function plannedServices(args: CanaryDeliveryArgs, release: string): PlannedServices {
    const layout = serviceLayout(args);
    const svc = args.service ?? {};
    const from = (explicit: string | undefined, key: string, fallback: string) =>
        explicit !== undefined ? { name: explicit, path: `service.${key}` } : { name: fallback, path: "releaseName" };
    if (layout === "two") {
        return {
            stable: from(svc.stableName, "stableName", `${release}-stable`),
            canary: from(svc.canaryName, "canaryName", `${release}-canary`),
        };
    }
    if (layout === "one") return { single: from(svc.name, "name", release) };
    return {};
}
