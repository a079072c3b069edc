// The Services of the release. Argo rewrites the stable and canary Services' selectors (adding
// the pod template hash), and a Service selector is an atomic map under server-side apply: the
// controller owns it after its first write, so the component leaves it alone after creation.
import type { Resolved } from "../resolve/model";
import { BuildEnv, Child, compact, metadata, SKIP_AWAIT } from "../core/manifest";
import { podSelector } from "./selector";
import { CoreRole, ROLE } from "../core/roles";

export function buildServices(r: Resolved, env: BuildEnv): Child[] {
    const { stable, canary, single, stableExisting } = r.services;
    const children: Child[] = [];
    // The user's existing stable Service is theirs: creating one of that name would take it over.
    if (stable && !stableExisting) children.push(service(r, env, ROLE.stableService, stable, true));
    if (canary) children.push(service(r, env, ROLE.canaryService, canary, true));
    if (single) children.push(service(r, env, ROLE.service, single, false));
    return children;
}

function service(r: Resolved, env: BuildEnv, role: CoreRole, name: string, controllerOwnsSelector: boolean): Child {
    const s = r.services;
    return {
        role,
        kind: "Service",
        manifest: {
            apiVersion: "v1",
            kind: "Service",
            metadata: metadata(r, name, env, SKIP_AWAIT),
            spec: {
                type: "ClusterIP",
                selector: podSelector(r),
                ports: [compact({ name: s.portName, port: s.port, targetPort: s.targetPort, protocol: "TCP", appProtocol: s.appProtocol })],
            },
        },
        ...(controllerOwnsSelector && { ignoreChanges: ["spec.selector"] }),
    };
}
