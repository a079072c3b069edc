// The Gateway API router after defaults: what the builders and the plan read.
import type { ResolvedMatch } from "../matches";

export interface ResolvedGatewayApi {
    kind: "gatewayApi";
    httpRoute: {
        name: string;
        create: boolean;
        parentRefs: { name: string; namespace?: string; sectionName?: string }[];
        hostnames: string[];
        pathPrefix: string;
    };
    /** Header matches, rendered as a plugin-managed route at the first stage. */
    headerMatches: ResolvedMatch[];
}
