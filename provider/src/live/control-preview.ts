// What a declared control will do, in the words of a preview. Pure: decided on the release as
// read before the update; a new pod template means the control meets a new canary instead.
import { imagesOf } from "./impact";
import type { LiveRead } from "./read";
import { controlName, decideControl, ResolvedControl } from "../lifecycle/controls";
import { layoutOfRollout } from "../lifecycle/layout";
import { LiveRollout, progressOf } from "../lifecycle/progress";

export function controlPreview(c: ResolvedControl, desiredImages: string[], read: LiveRead, newRelease: boolean): string {
    const name = controlName(c);
    if (!read.found) {
        return "error" in read
            ? `${name}: unknown, the live release cannot be read`
            : `${name}: nothing to do, the first release goes to 100% at once`;
    }
    const live = read.rollout as LiveRollout;
    if (newRelease) {
        if (desiredImages.length && !desiredImages.includes(c.image)) {
            return `${name}: not applied, the new canary runs ${desiredImages.join(", ")}; remove the control`;
        }
        switch (c.action) {
            case "promote": return `${name}: applies when the new canary pauses at stage ${(c.stage ?? 0) + 1}`;
            case "promoteFull": return `${name}: the new canary will take all traffic as soon as the controller starts it`;
            case "abort": return `${name}: the new canary will be aborted as soon as the controller starts it`;
            case "retry": return `${name}: nothing to do, this update starts a new canary`;
        }
    }
    const canary = desiredImages.length ? desiredImages : imagesOf((live.spec as { template?: unknown } | undefined)?.template);
    const decision = decideControl(c, canary, progressOf(live, layoutOfRollout(live)), live.spec?.paused === true);
    return decision.kind === "apply" ? `this update applies ${decision.words}` : decision.words;
}

