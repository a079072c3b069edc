// The Istio router after defaults: what the builders and the plan read.
import type { ResolvedMatch } from "../matches";

export interface ResolvedIstio {
    kind: "istio";
    split: "host" | "subset";
    virtualService: {
        name: string;
        create: boolean;
        routes: string[];
        hosts: string[];
        gateways: string[];
        retries?: { attempts: number; perTryTimeout?: string; retryOn?: string };
        timeout?: string;
    };
    /** Subset split only. */
    destinationRule?: { name: string; create: boolean; host: string; canarySubset: string; stableSubset: string };
    mutualTls: boolean;
    /** Header and cookie matches, rendered as an Argo managed route at the first stage. */
    headerMatches: ResolvedMatch[];
    /** URI matches, rendered as a route of the created VirtualService. */
    uriMatches: ResolvedMatch[];
}
