// Request matches (header, cookie, path), shared by the routers that offer them: their shape,
// their value rules, their defaults and how the plan words them. Each router decides which kinds
// it supports and which regex engine checks a pattern.
import { MatchOn, RequestMatch } from "../args";
import { httpToken, headerValue } from "../parse/formats";
import { pcreProblem, re2Problem } from "../parse/regex";
import type { Problem } from "../parse/rules/problem";
import { obj, oneOf, rule } from "../parse/zod-helpers";
import type { ArgoStep, HeaderRouteMatch } from "../core/argo-types";
import { compact } from "../core/manifest";

export interface ResolvedMatch {
    on: MatchOn;
    name?: string;
    exact?: string;
    prefix?: string;
    regex?: string;
}

/** A header or cookie value to match: not empty, and nothing that ends or splits a header. */
const matchValue = () => rule((v) => (v === "" ? "must not be empty" : headerValue(v)));

export const matchSchema = obj({
    on: oneOf(MatchOn),
    name: rule(httpToken).optional(),
    exact: matchValue().optional(),
    prefix: matchValue().optional(),
    regex: matchValue().optional(),
});

/** A cookie match without a value routes on "always", as ingress-nginx's canary-by-cookie does. */
export function resolveMatch(m: RequestMatch): ResolvedMatch {
    const value = m.on === "cookie" && m.exact === undefined && m.prefix === undefined && m.regex === undefined ? { exact: "always" } : {};
    return { on: m.on, name: m.name, exact: m.exact, prefix: m.prefix, regex: m.regex, ...value };
}

/** A header or cookie needs a name; a value matcher is exactly one of exact, prefix, regex (a cookie defaults to exact "always"). */
export function matchValueRules(m: RequestMatch, path: string, engine: "re2" | "pcre"): Problem[] {
    const problems: Problem[] = [];
    // An unknown kind of match is the schema's to report; what it would need is unknown.
    if (!(["header", "cookie", "uri"] as unknown[]).includes(m.on)) return problems;
    if (m.on !== "uri" && m.name === undefined) problems.push({ path: `${path}.name`, reason: `must name the ${m.on}` });
    if (m.on === "uri" && m.name !== undefined) problems.push({ path: `${path}.name`, reason: "does not apply to a uri match" });
    const set = (["exact", "prefix", "regex"] as const).filter((k) => m[k] !== undefined);
    if (set.length > 1) problems.push({ path, reason: `must set exactly one of exact, prefix, regex; got ${set.join(" and ")}` });
    if (set.length === 0 && m.on !== "cookie") problems.push({ path, reason: "must set exactly one of exact, prefix, regex" });
    if (typeof m.regex === "string") {
        const reason = engine === "re2" ? re2Problem(m.regex) : pcreProblem(m.regex);
        if (reason) problems.push({ path: `${path}.regex`, reason });
    }
    return problems;
}

/** How the plan names a match: `header x-canary = "1"`, `path starting "/beta"`. */
export function describeMatch(m: ResolvedMatch): string {
    const value = m.exact !== undefined ? `= "${m.exact}"` : m.prefix !== undefined ? `starting "${m.prefix}"` : `~ /${m.regex}/`;
    return m.on === "uri" ? `path ${value}` : `${m.on} ${m.name} ${value}`;
}

/** The plan's note: "requests with <a> or <b> go to the canary" (with every router, any one match is enough). */
export function matchesNote(alternatives: string[]): string | undefined {
    return alternatives.length ? `requests with ${alternatives.join(" or ")} go to the canary` : undefined;
}

export function escapeRegex(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Name of the Argo managed route that carries header and cookie matches, for every router that has
 * one; a router with one route per match names the second and later ones `canary-match-<n>`, so a
 * release with one match keeps the name it always had.
 */
export const MATCH_ROUTE = "canary-match";

/** An Argo managed route and the matches its setHeaderRoute step carries. */
export interface MatchRoute {
    name: string;
    matches: ResolvedMatch[];
}

/**
 * All matches in one managed route: for routers whose rendering of a route's match list ORs it
 * (Argo's Istio router writes one HTTPMatchRequest per item, and Istio ORs the entries of `match`).
 */
export function oneMatchRoute(matches: ResolvedMatch[]): MatchRoute[] {
    return matches.length ? [{ name: MATCH_ROUTE, matches }] : [];
}

/**
 * One managed route per match: for routers whose rendering of a route's match list ANDs it (the
 * Gateway API plugin puts every item in the headers of one HTTPRouteMatch), so that any one match
 * is enough, as with every other router.
 */
export function matchRoutePerMatch(matches: ResolvedMatch[]): MatchRoute[] {
    return matches.map((m, i) => ({ name: i === 0 ? MATCH_ROUTE : `${MATCH_ROUTE}-${i + 1}`, matches: [m] }));
}

/** The Rollout's `trafficRouting.managedRoutes`: Argo refuses a setHeaderRoute step whose route is not listed. */
export function managedRoutes(routes: MatchRoute[]): { name: string }[] | undefined {
    return routes.length ? routes.map((r) => ({ name: r.name })) : undefined;
}

/**
 * The managed routes' steps at the start of the first stage: requests that match go to the canary.
 * No step removes them: Argo removes every managed route once the release is fully promoted, or once
 * an abort has left the canary without pods.
 */
export function headerRouteSteps(routes: MatchRoute[]): ArgoStep[] {
    return routes.map((r) => ({ setHeaderRoute: { name: r.name, match: r.matches.map(headerRouteMatch) } }));
}

/** Argo's setHeaderRoute match; a cookie is matched inside the Cookie header. */
function headerRouteMatch(m: ResolvedMatch): HeaderRouteMatch {
    if (m.on === "cookie") {
        const value = m.regex ?? (m.prefix !== undefined ? `${escapeRegex(m.prefix)}[^;]*` : escapeRegex(m.exact!));
        return { headerName: "cookie", headerValue: { regex: `^(.*?;\\s*)?${escapeRegex(m.name!)}=${value}(;.*)?$` } };
    }
    // A header match always has a name: the rules refuse one without.
    return { headerName: m.name!, headerValue: compact({ exact: m.exact, prefix: m.prefix, regex: m.regex }) };
}
