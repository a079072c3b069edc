import { isRecord } from "../lib/manifest";
import { ROLLOUTS, resourcePolicy } from "../lib/policy";
import { stepsOf, trafficRoutingOf } from "../lib/rollout";

interface Config {
    allowDecreasing: boolean;
}

function isWeight(value: unknown, max: number): value is number {
    return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= max;
}

/**
 * Canary weights are whole percentages within 0..100 (0..maxTrafficWeight when set) and never go
 * down from one step to the next: a decreasing weight is almost always a typo in a long step list.
 */
export const stepWeights = resourcePolicy<Config>({
    name: "canary-step-weights",
    description: "Canary step weights are within 0..100 (or maxTrafficWeight) and do not decrease.",
    enforcementLevel: "mandatory",
    config: {
        allowDecreasing: {
            type: "boolean",
            default: false,
            description: "Allow a step to set a lower weight than an earlier one. Defaults to false.",
        },
    },
    appliesTo: ROLLOUTS,
    validate: ({ object: rollout, who, config }, report) => {
        const maxTraffic = trafficRoutingOf(rollout.props)?.maxTrafficWeight;
        const max = typeof maxTraffic === "number" ? maxTraffic : 100;
        let previous: { weight: number; path: string } | undefined;
        for (const step of stepsOf(rollout.props)) {
            if ("setWeight" in step.body) {
                const weight = step.body.setWeight;
                const path = `${step.path}.setWeight`;
                if (!isWeight(weight, max)) {
                    report(`${who}: ${path} is ${JSON.stringify(weight)}; weights must be whole numbers within 0..${max}.`);
                } else {
                    if (previous && weight < previous.weight && !config.allowDecreasing) {
                        report(`${who}: ${path} is ${weight}, lower than ${previous.path} (${previous.weight}); weights must not decrease.`);
                    }
                    previous = { weight, path };
                }
            }
            const scale = step.body.setCanaryScale;
            if (isRecord(scale) && "weight" in scale && !isWeight(scale.weight, 100)) {
                report(`${who}: ${step.path}.setCanaryScale.weight is ${JSON.stringify(scale.weight)}; it must be a whole number within 0..100.`);
            }
        }
    },
});
