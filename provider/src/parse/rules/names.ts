// The release name and every name derived from it, checked through the one names helper.
import { checkNameBudget, rfc1123Label } from "../../names";
import { plannedServices, routerKind } from "../../resolve/services";
import { Problem, quote, RuleContext } from "./problem";

export function nameRules({ args, release }: RuleContext): Problem[] {
    const reason = typeof release === "string" ? rfc1123Label(release) : "must be a string";
    if (reason) {
        const why = args.releaseName === undefined ? `defaults to the resource name ${quote(release)}, which ${reason}; set releaseName` : reason;
        return [{ path: "releaseName", reason: why }];
    }
    return checkNameBudget(namePlan({ args, release })).errors;
}

/** Warnings about derived names (the release works, with a caveat worth knowing). */
export function nameWarnings(ctx: RuleContext): string[] {
    return checkNameBudget(namePlan(ctx)).warnings;
}

function namePlan({ args, release }: RuleContext) {
    const services = plannedServices(args, release);
    const router = routerKind(args);
    const a = args.analysis;
    const presetSource = a?.presetSource ?? (router === "none" ? undefined : router);
    const presets = a !== undefined && (a.successRate !== undefined || a.latency !== undefined);
    const queriesByPodName = presets && presetSource === "istio" && (router === "none" || args.istio?.split === "subset");
    return {
        release: { name: release, path: "releaseName" },
        // A name of the wrong type is the schema's to report; only strings are checked here.
        services: [services.stable, services.canary, services.single].filter((s): s is { name: string; path: string } => s !== undefined && typeof s.name === "string"),
        stableIngress: args.nginx
            ? args.nginx.stableIngress !== undefined
                ? typeof args.nginx.stableIngress === "string" ? { name: args.nginx.stableIngress, path: "nginx.stableIngress" } : undefined
                : { name: release, path: "releaseName" }
            : undefined,
        queriesByPodName,
    };
}
