// The ingress-nginx router: the Argo controller clones the stable Ingress into a canary Ingress
// and moves its canary-weight annotation.
import type { RouterModule } from "../contract";
import { describeMatch, matchesNote, ResolvedMatch } from "../matches";
import { nginxCanaryFields, nginxChildren } from "./build";
import type { ResolvedNginx } from "./model";
import { resolveNginx } from "./resolve";
import { nginxLiveCheck } from "./live-checks";
import { nginxRules, nginxWarnings } from "./rules";
import { nginxSchema } from "./schema";

export const nginxRouter: RouterModule<"nginx", ResolvedNginx> = {
    key: "nginx",
    schema: nginxSchema,
    services: () => "two",
    serviceWords: { two: "nginx" },
    // An existing Ingress routes to a Service of the user's, which Argo then drives as the stable one.
    existingStableService: (nginx) => (typeof nginx.stableService === "string" ? { name: nginx.stableService, path: "nginx.stableService" } : undefined),
    rules: nginxRules,
    warnings: nginxWarnings,
    // The canary Ingress's name is derived by the controller and must fit a DNS subdomain.
    names: (nginx, release) => ({
        stableIngress: nginx.stableIngress !== undefined
            ? typeof nginx.stableIngress === "string" ? { name: nginx.stableIngress, path: "nginx.stableIngress" } : undefined
            : { name: release, path: "releaseName" },
    }),
    // Requests reach the canary through its own Service, which the metrics name.
    presets: (_nginx, source) => ({ source: source ?? "nginx", byPods: false }),
    resolve: (nginx, release) => resolveNginx(nginx, release),
    canaryFields: nginxCanaryFields,
    firstStageSteps: () => [],
    children: nginxChildren,
    // ingress-nginx routes on the header first, else on the cookie.
    planNote: (t) => matchesNote([t.header, t.cookie].filter((m): m is ResolvedMatch => !!m).map(describeMatch)),
    controllerObjects: (t) => [{ kind: "Ingress", name: t.canaryIngressName }],
    userObjects: (t) => [
        ...(!t.stableIngress.create ? [{ kind: "Ingress", name: t.stableIngress.name }] : []),
        ...(t.stableService !== undefined ? [{ kind: "Service", name: t.stableService }] : []),
    ],
    liveCheck: nginxLiveCheck,
    outputs: (t) => ({ ingressName: t.stableIngress.name, canaryIngressName: t.canaryIngressName }),
};
