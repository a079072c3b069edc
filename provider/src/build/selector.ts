// The pod selector of the release: the template's `app` label, or the adopted Deployment's.
import type { Resolved, StringMap } from "../resolve/model";

export function podSelector(r: Resolved): StringMap {
    return r.workload.kind === "template" ? r.workload.selector : r.workload.matchLabels;
}
