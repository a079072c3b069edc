import { array, isRecord, Json } from "../lib/manifest";
import { ROLLOUTS, resourcePolicy } from "../lib/policy";
import { canaryOf, Step, stepsOf, trafficRoutingOf } from "../lib/rollout";

interface Config {
    finalWeight: number;
    allowPromotionPause: boolean;
}

/**
 * Whether an analysis watches the release at its last weight: a step analysis after the last
 * setWeight, or a background analysis (spec.strategy.canary.analysis) running during a step after it.
 */
function analysisGates(props: Json, steps: Step[], lastWeightIndex: number): boolean {
    if (steps.some((s) => s.index > lastWeightIndex && isRecord(s.body.analysis))) return true;
    const background = canaryOf(props)?.analysis;
    if (!isRecord(background) || array(background.templates).length === 0) return false;
    // It must be running during a step after the last weight: with none, the controller promotes at once.
    const start = typeof background.startingStep === "number" ? background.startingStep : 0;
    return lastWeightIndex + 1 < steps.length && start <= lastWeightIndex + 1;
}

/**
 * The last stage reaches the intended weight. After the last step the controller promotes the
 * release to 100% at once, so a last weight of 20% followed by a timed pause sends all traffic to a
 * version only ever tried on a fifth of it, without a gate. Ending with `pause: {}` (a person
 * promotes) is accepted unless configured otherwise, and so is an analysis that runs at the last
 * weight (it aborts a bad release before the controller promotes it).
 */
export const finalWeight = resourcePolicy<Config>({
    name: "canary-final-weight",
    description: "The last canary stage reaches the intended weight (100 by default) or ends with a pause for promotion.",
    enforcementLevel: "advisory",
    config: {
        finalWeight: {
            type: "integer",
            minimum: 0,
            maximum: 100,
            default: 100,
            description: "Weight the last setWeight step must reach (capped at maxTrafficWeight). Defaults to 100.",
        },
        allowPromotionPause: {
            type: "boolean",
            default: true,
            description: "Accept a lower last weight when an indefinite pause (pause: {}) follows it, so a person promotes the release. Defaults to true.",
        },
    },
    appliesTo: ROLLOUTS,
    validate: ({ object: rollout, who, config }, report) => {
        const steps = stepsOf(rollout.props);
        if (steps.length === 0) return;
        const maxTraffic = trafficRoutingOf(rollout.props)?.maxTrafficWeight;
        const intended = Math.min(config.finalWeight, typeof maxTraffic === "number" ? maxTraffic : 100);
        const weighted = steps.filter(s => typeof s.body.setWeight === "number");
        const last = weighted[weighted.length - 1];
        const lastWeight = last ? (last.body.setWeight as number) : 0;
        if (lastWeight >= intended) return;
        const promotionPause = steps.some(
            s => (!last || s.index > last.index) && isRecord(s.body.pause) && (s.body.pause.duration === undefined || s.body.pause.duration === null),
        );
        if (config.allowPromotionPause && promotionPause) return;
        // An analysis that runs at or after the last weight gates the jump to 100%: a failing one aborts.
        if (analysisGates(rollout.props, steps, last?.index ?? -1)) return;
        const where = last ? `the last setWeight (${last.path}.setWeight) is ${lastWeight}` : "no step sets a weight";
        report(
            `${who}: ${where}, below the intended ${intended}; after the last step the controller sends all traffic to the new version at once. ` +
                `End with setWeight: ${intended}${config.allowPromotionPause ? ", or with pause: {} so that someone promotes it" : ""}.`,
        );
    },
});
