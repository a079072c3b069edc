// The release name and every name derived from it, checked through the one names helper.
import { checkNameBudget, rfc1123Label } from "../../names";
import { plannedServices } from "../../routers/services";
import { routingOf } from "../../routers";
import { isObj, Problem, quote, RuleContext } from "./problem";

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
    const { routing, block, routed } = routingOf(args);
    const a = args.analysis;
    // Without a router the preset source must be given (a rule says so); until it is, nothing is queried.
    const presetSource = a?.presetSource ?? (routed ? routing.presets(block, undefined).source : undefined);
    const presets = a !== undefined && (a.successRate !== undefined || a.latency !== undefined);
    const queriesByPodName = presets && presetSource !== undefined && routing.presets(block, presetSource).byPods;
    return {
        release: { name: release, path: "releaseName" },
        // A name of the wrong type is the schema's to report; only strings are checked here.
        services: [services.stable, services.canary, services.single].filter((s): s is { name: string; path: string } => s !== undefined && typeof s.name === "string"),
        ...(isObj(block) && routing.names?.(block, release)),
        queriesByPodName,
    };
}
