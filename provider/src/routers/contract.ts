// What a traffic router is to the rest of the pipeline: one object per router, holding its whole
// slice (argument shape and rules, Services, defaults, objects, plan note, what it drives), as
// Flagger's router factory and Argo's trafficrouting packages give each mesh one module. Generic
// code only calls these hooks; nothing outside a router's folder names a router.
import type { Input } from "@pulumi/pulumi";
import type { z } from "zod";
import type { CanaryDeliveryArgs, PresetSource } from "../args";
import type { ArgoStep, RouterCanaryFields } from "../core/argo-types";
import type { LiveObject, LiveObjectRef } from "../core/live-object";
import type { BuildEnv, Child } from "../core/manifest";
import type { NamePlan } from "../names";
import type { Problem, RuleContext } from "../parse/rules/problem";
import type { Resolved, ResolvedServices, ResolvedTraffic } from "../resolve/model";

/** "two": stable and canary Services; "one": a single Service; "none": no Service. */
export type ServiceLayout = "two" | "one" | "none";

/** Names of the objects a router creates or drives, as the component's outputs report them. */
export interface RouterOutputs {
    virtualServiceName?: Input<string>;
    ingressName?: Input<string>;
    canaryIngressName?: Input<string>;
}

export interface ObjectRef {
    kind: string;
    name: Input<string>;
}

/** What a router checks in the cluster before anything is applied: what it reads, and its verdict on it. */
export interface LiveCheck {
    /** Objects to read, in the release namespace. */
    reads: LiveObjectRef[];
    /** Errors fail the component before any child is registered; warnings are logged on it. */
    judge(found: (ref: LiveObjectRef) => LiveObject | undefined, namespace: string): { errors: string[]; warnings: string[] };
}

/** What every way of routing traffic provides, the fallback (no router) included. */
export interface Routing<Block, Traffic extends ResolvedTraffic> {
    /** The router's kind in the Resolved release: its argument property, or "none". */
    key: string;
    /** Which Services the release creates with this router. */
    services(block: Block, args: CanaryDeliveryArgs): ServiceLayout;
    /**
     * How messages name the router's use of Services, by layout: e.g. istio's "two" is
     * "an istio host split". A router missing from a layout never uses it.
     */
    serviceWords: Partial<Record<Exclude<ServiceLayout, "none">, string>>;
    /**
     * The user's existing Service that carries stable traffic, when the router is given one (with the
     * argument naming it): the release drives it and creates no stable Service of its own.
     */
    existingStableService?(block: Block): { name: string; path: string } | undefined;
    /** Rules relating the router's fields to each other and to the rest of the arguments. */
    rules(block: Block, ctx: RuleContext): Problem[];
    /** Advisory messages about the router's arguments: the release works only if something outside it holds. */
    warnings?(block: Block, ctx: RuleContext): string[];
    /** Names the router adds to the release's name budget (objects the controller derives from ours). */
    names?(block: Block, release: string): Partial<Pick<NamePlan, "stableIngress">>;
    /** Where the analysis presets read metrics by default, and whether canary traffic is told apart by pod name. */
    presets(block: Block, source: PresetSource | undefined): { source: PresetSource; byPods: boolean };
    /** Every default of the router applied, every name chosen. */
    resolve(block: Block, release: string, services: ResolvedServices): Traffic;
    /** Fields of the Rollout's `spec.strategy.canary`: the Services and `trafficRouting`. */
    canaryFields(r: Resolved, t: Traffic): RouterCanaryFields;
    /** Argo steps added at the start of the first stage (e.g. a managed header route). */
    firstStageSteps(r: Resolved, t: Traffic): ArgoStep[];
    /** Objects the component creates for this router. */
    children(r: Resolved, t: Traffic, env: BuildEnv): Child[];
    /** What the plan says about request matches, when there are any. */
    planNote(t: Traffic): string | undefined;
    /** Objects the Argo controller creates from ours. */
    controllerObjects(t: Traffic): ObjectRef[];
    /** Existing objects of the user's that the Rollout drives. */
    userObjects(t: Traffic): ObjectRef[];
    /** What to check in the live cluster before anything is applied, when the router has something to check. */
    liveCheck?(r: Resolved, t: Traffic): LiveCheck | undefined;
    outputs(t: Traffic): RouterOutputs;
}

/** A traffic router: selected by its argument property `Key`, whose shape it owns. */
export interface RouterModule<Key extends keyof CanaryDeliveryArgs, Traffic extends ResolvedTraffic> extends Routing<NonNullable<CanaryDeliveryArgs[Key]>, Traffic> {
    key: Key;
    /** The shape of the argument property `key`. */
    schema: z.ZodType;
}

/**
 * A router as the registry holds it. The registry lists routers of different argument and traffic
 * types; it only ever passes a router its own block and its own resolved traffic, which is what
 * makes erasing the two type parameters here safe.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRouter = RouterModule<any, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRouting = Routing<any, any>;
