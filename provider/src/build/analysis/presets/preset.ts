// What a preset module returns: a metric's query and conditions; the template adds the rest.
export interface PresetMetric {
    name: string;
    query: string;
    successCondition: string;
}
