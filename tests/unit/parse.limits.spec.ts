// Values the API server or the controller would refuse (or misread) only at `pulumi up`: integers
// beyond the int32 fields they land in, durations beyond Go's time.Duration.
import * as assert from "assert";
import { expectNoProblem, expectProblem, image, problems, prometheus } from "../helpers/problems";

const INT32_MAX = 2_147_483_647;

describe("argument limits", () => {
    describe("integers fit the int32 fields they land in", () => {
        const INT32 = /must be at most 2147483647 \(a 32-bit integer in Kubernetes\)/;
        const cases: [string, (n: number) => Record<string, unknown>][] = [
            ["replicas", (n) => ({ replicas: n })],
            ["autoscaling.minReplicas", (n) => ({ replicas: undefined, autoscaling: { minReplicas: n, maxReplicas: n } })],
            ["autoscaling.maxReplicas", (n) => ({ autoscaling: { maxReplicas: n } })],
            ["autoscaling.targetCpuUtilization", (n) => ({ autoscaling: { maxReplicas: 3, targetCpuUtilization: n } })],
            ["autoscaling.targetMemoryUtilization", (n) => ({ autoscaling: { maxReplicas: 3, targetMemoryUtilization: n } })],
            ["istio.retries.attempts", (n) => ({ istio: { retries: { attempts: n } } })],
            ["template.readinessProbe.initialDelaySeconds", (n) => ({ template: { image, readinessProbe: { tcpSocket: {}, initialDelaySeconds: n } } })],
            ["template.readinessProbe.periodSeconds", (n) => ({ template: { image, readinessProbe: { tcpSocket: {}, periodSeconds: n } } })],
            ["template.livenessProbe.timeoutSeconds", (n) => ({ template: { image, livenessProbe: { tcpSocket: {}, timeoutSeconds: n } } })],
            ["template.startupProbe.failureThreshold", (n) => ({ template: { image, startupProbe: { tcpSocket: {}, failureThreshold: n } } })],
            ["strategy.progressDeadlineSeconds", (n) => ({ strategy: { progressDeadlineSeconds: n } })],
            ["strategy.minReadySeconds", (n) => ({ strategy: { minReadySeconds: n, progressDeadlineSeconds: INT32_MAX } })],
            ["strategy.revisionHistoryLimit", (n) => ({ strategy: { revisionHistoryLimit: n } })],
            ["strategy.scaleDownDelaySeconds", (n) => ({ istio: {}, strategy: { scaleDownDelaySeconds: n } })],
            ["workloadRef.handBackReplicas", (n) => ({ template: undefined, workloadRef: { name: "shop", matchLabels: { app: "shop" }, handBack: true, handBackReplicas: n } })],
            ["analysis.count", (n) => ({ istio: {}, analysis: { prometheus, successRate: {}, count: n } })],
            ["analysis.prometheus.timeoutSeconds", (n) => ({ istio: {}, analysis: { prometheus: { ...prometheus, timeoutSeconds: n }, successRate: {} } })],
            ["steps[0].setCanaryScale.replicas", (n) => ({ istio: {}, steps: [{ weight: 10, setCanaryScale: { replicas: n } }] })],
        ];
        for (const [path, make] of cases) {
            it(`${path}: 2147483647 is fine, 2147483648 is not`, () => {
                assert.ok(!problems(make(INT32_MAX)).some((p) => p.path === path), `no problem at ${path} for int32 max`);
                expectProblem(make(INT32_MAX + 1), path, INT32);
            });
        }
        it("far beyond too (1e20)", () => expectProblem({ replicas: 1e20 }, "replicas", INT32));
    });

    describe("durations fit Go's time.Duration", () => {
        const GO = /must fit Go's time.Duration \(at most 2562047h47m16s\)/;
        const huge = "99999999999999999999h";
        it("in a pause", () => expectProblem({ steps: [{ weight: 10, pause: huge }] }, "steps[0].pause", GO));
        it("analysis.interval", () => expectProblem({ istio: {}, analysis: { prometheus, successRate: {}, interval: huge } }, "analysis.interval", GO));
        it("istio.timeout", () => expectProblem({ istio: { timeout: huge } }, "istio.timeout", GO));
        it("istio.retries.perTryTimeout", () => expectProblem({ istio: { retries: { attempts: 1, perTryTimeout: "2562048h" } } }, "istio.retries.perTryTimeout", GO));
        it("delivery.timeout", () => expectProblem({ delivery: { timeout: "9223372037s" } }, "delivery.timeout", GO));
        it("the largest one is fine", () => expectNoProblem({ istio: { timeout: "2562047h47m16s" } }));
        it("one nanosecond more is not", () => expectProblem({ istio: { timeout: "2562047h47m16.854775808s" } }, "istio.timeout", GO));
        it("a pause of bare seconds fits int32", () => {
            expectNoProblem({ steps: [{ weight: 10, pause: String(INT32_MAX) }, { weight: 50 }] });
            expectProblem({ steps: [{ weight: 10, pause: String(INT32_MAX + 1) }] }, "steps[0].pause", /at most 2147483647 seconds/);
            expectProblem({ steps: [{ weight: 10, pause: INT32_MAX + 1 }] }, "steps[0].pause", /at most 2147483647 seconds/);
        });
    });
});

describe("Istio durations", () => {
    it("are at least 1ms (Istio's CRD rule)", () => {
        expectProblem({ istio: { timeout: "500us" } }, "istio.timeout", /must be at least 1ms \(Istio's smallest duration\)/);
        expectProblem({ istio: { retries: { attempts: 1, perTryTimeout: "999999ns" } } }, "istio.retries.perTryTimeout", /at least 1ms/);
        expectNoProblem({ istio: { timeout: "1ms" } });
    });
});
