// The Gateway API router: Argo Rollouts' Gateway API plugin moves the weights of an HTTPRoute
// between the stable and the canary Service. The plugin runs inside the Argo controller and must
// be installed there (see the README's "Gateway API" section).
import type { RouterModule } from "../contract";
import { describeMatch, matchesNote } from "../matches";
import { gatewayApiCanaryFields, gatewayApiChildren, gatewayApiFirstStageSteps } from "./build";
import type { ResolvedGatewayApi } from "./model";
import { resolveGatewayApi } from "./resolve";
import { gatewayApiRules } from "./rules";
import { gatewayApiSchema } from "./schema";

export const gatewayApiRouter: RouterModule<"gatewayApi", ResolvedGatewayApi> = {
    key: "gatewayApi",
    schema: gatewayApiSchema,
    services: () => "two",
    serviceWords: { two: "gatewayApi" },
    rules: gatewayApiRules,
    // Requests reach the canary through its own Service; a rule makes the user name the metrics' source.
    presets: (_g, source) => ({ source: source ?? "istio", byPods: false }),
    resolve: (g, release) => resolveGatewayApi(g, release),
    canaryFields: gatewayApiCanaryFields,
    firstStageSteps: (_r, t) => gatewayApiFirstStageSteps(t),
    children: gatewayApiChildren,
    // One managed route per header match: any one is enough.
    planNote: (t) => matchesNote(t.headerMatches.map(describeMatch)),
    controllerObjects: () => [],
    userObjects: (t) => (!t.httpRoute.create ? [{ kind: "HTTPRoute", name: t.httpRoute.name }] : []),
    outputs: () => ({}),
};
