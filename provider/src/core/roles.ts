// The roles of the children a release may have, outside its router (a router declares its own
// next to its builders). A role is also the child's Pulumi name suffix, `<component>-<role>`:
// renaming one changes the URN, so the object would be replaced. Code names roles only through
// these constants.
export const ROLE = {
    rollout: "rollout",
    stableService: "stable-service",
    canaryService: "canary-service",
    service: "service",
    analysisSecret: "analysis-secret",
    backgroundAnalysis: "background-analysis",
    stepAnalysis: "step-analysis",
    autoscaler: "autoscaler",
    handBack: "hand-back",
} as const;

export type CoreRole = (typeof ROLE)[keyof typeof ROLE];

/** The role of a webhook gate's AnalysisTemplate: one per gate, named after the webhook. */
export const gateRole = (webhook: string) => `gate-${webhook}`;
