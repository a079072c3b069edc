// Values Kubernetes, Istio, Envoy, ingress-nginx or the kubelet would refuse (or misread) after a
// clean preview: label and annotation syntax, hosts, header names and values, image references,
// duplicates, URLs and regexes checked by the engine of their router.
import * as assert from "assert";
import { pcreProblem, re2Problem } from "../../provider/src/parse/regex";
import { expectNoProblem, expectProblem, image, prometheus } from "../helpers/problems";

describe("argument formats", () => {
    describe("label and annotation keys and values", () => {
        it("a label value of 63 characters is fine, 64 is not", () => {
            expectNoProblem({ labels: { team: "a".repeat(63) } });
            expectProblem({ labels: { team: "a".repeat(64) } }, "labels.team", /at most 63 characters/);
        });
        it("template label values too", () => expectProblem({ template: { image, labels: { team: "-x" } } }, "template.labels.team", /label value/));
        it("matchLabels values too", () =>
            expectProblem({ template: undefined, workloadRef: { name: "shop", matchLabels: { app: "a b" } } }, "workloadRef.matchLabels.app", /label value/));
        it("a key's name part is at most 63 characters", () => expectProblem({ labels: { ["k".repeat(64)]: "v" } }, `labels.${"k".repeat(64)}`, /qualified name/));
        it("a key's prefix is a DNS subdomain of at most 253 characters", () => {
            expectNoProblem({ annotations: { [`${"a".repeat(253)}/k`]: "v" } });
            expectProblem({ annotations: { [`${"a".repeat(254)}/k`]: "v" } }, `annotations.${"a".repeat(254)}/k`, /at most 253 characters/);
            expectProblem({ labels: { "Example.com/k": "v" } }, "labels.Example.com/k", /prefix 'Example.com' must be a DNS-1123 subdomain/);
        });
        it("keys with two slashes or an empty name", () => {
            expectProblem({ labels: { "a/b/c": "v" } }, "labels.a/b/c", /must be a qualified name/);
            expectProblem({ template: { image, annotations: { "example.com/": "v" } } }, "template.annotations.example.com/", /qualified name/);
        });
        it("nginx Ingress annotation keys are qualified names", () =>
            expectProblem({ nginx: { additionalIngressAnnotations: { "nginx ingress/x": "v" } } }, "nginx.additionalIngressAnnotations.nginx ingress/x", /DNS-1123 subdomain/));
        it("annotations total at most 256 KiB", () => {
            expectNoProblem({ annotations: { a: "x".repeat(200 * 1024) } });
            expectProblem({ annotations: { a: "x".repeat(200 * 1024), b: "x".repeat(60 * 1024) } }, "annotations", /at most 256 KiB/);
            expectProblem({ template: { image, annotations: { a: "x".repeat(257 * 1024) } } }, "template.annotations", /at most 256 KiB/);
            expectProblem({ nginx: { additionalIngressAnnotations: { a: "x".repeat(257 * 1024) } } }, "nginx.additionalIngressAnnotations", /at most 256 KiB/);
        });
        it("annotation values may span lines (Kubernetes allows any string)", () => expectNoProblem({ annotations: { note: "line 1\nline 2" } }));
    });

    describe("Istio hosts", () => {
        for (const host of ["shop.example.com", "shop", "*", "*.example.com", "Shop.Example.com"]) {
            it(`accepts ${host}`, () => expectNoProblem({ istio: { hosts: [host] } }));
        }
        for (const host of ["shop example.com", "https://shop.example.com", "shop.example.com/", "*shop.example.com", "a.*.com", "", "shop..example.com", "-shop.example.com", `${"a".repeat(64)}.com`]) {
            it(`refuses ${JSON.stringify(host)}`, () => expectProblem({ istio: { hosts: [host] } }, "istio.hosts[0]", /must be a DNS name, "\*" or "\*\.<DNS name>"/));
        }
    });

    describe("header and cookie matches", () => {
        const istio = (m: object) => ({ istio: { matches: [{ on: "header", ...m }] } });
        const nginx = (m: object) => ({ nginx: { matches: [{ on: "header", ...m }] } });
        it("an Istio header name is an HTTP token", () => expectProblem(istio({ name: "x user", exact: "1" }), "istio.matches[0].name", /must be an HTTP token/));
        it("an Nginx header name is an HTTP token", () => expectProblem(nginx({ name: "x:user", exact: "1" }), "nginx.matches[0].name", /must be an HTTP token/));
        it("a cookie name too", () => expectProblem({ nginx: { matches: [{ on: "cookie", name: "a;b" }] } }, "nginx.matches[0].name", /must be an HTTP token/));
        for (const [label, bad] of [["CR", "a\rb"], ["LF", "a\nb"], ["NUL", "a\0b"], ["BEL", "a\u0007b"], ["DEL", "a\u007fb"]]) {
            it(`a header value with ${label} is refused (Istio)`, () => expectProblem(istio({ name: "x-user", exact: bad }), "istio.matches[0].exact", /must not contain CR, LF, NUL or other control characters/));
            it(`a header prefix with ${label} is refused (Nginx)`, () => expectProblem(nginx({ name: "x-user", prefix: bad }), "nginx.matches[0].prefix", /must not contain CR, LF, NUL or other control characters/));
            it(`a Prometheus header value with ${label} is refused`, () =>
                expectProblem({ istio: {}, analysis: { prometheus: { ...prometheus, headers: [{ name: "Authorization", value: `Bearer ${bad}` }] }, successRate: {} } },
                    "analysis.prometheus.headers[0].value", /must not contain CR, LF, NUL or other control characters/));
        }
        it("a Prometheus header name is an HTTP token", () =>
            expectProblem({ istio: {}, analysis: { prometheus: { ...prometheus, headers: [{ name: "X Token", value: "1" }] }, successRate: {} } }, "analysis.prometheus.headers[0].name", /HTTP token/));
        it("good ones pass, a tab and non-ASCII text too", () => {
            expectNoProblem(istio({ name: "x-canary", exact: "always" }));
            expectNoProblem(istio({ name: "x-canary", exact: "a\tb é" }));
        });
        it("a Prometheus query has no control characters but tab and newline", () => {
            const metric = (query: string) => ({ istio: {}, analysis: { prometheus, metrics: [{ name: "m", query, successCondition: "true" }] } });
            expectProblem(metric("sum(x)\u0007"), "analysis.metrics[0].query", /must not contain control characters/);
            expectProblem(metric("  "), "analysis.metrics[0].query", /must not be empty/);
            expectNoProblem(metric("sum(\n\trate(x[5m])\n)"));
        });
    });

    describe("image references", () => {
        const good = ["nginx", "nginx:1.27", "ghcr.io/acme/shop:1.4.2", "localhost:5000/shop", "registry.example.com:443/a/b/c:v1",
            "shop@sha256:" + "a".repeat(64), "ghcr.io/acme/shop:1.0@sha256:" + "0".repeat(64), "[::1]:5000/shop:dev", "a__b/c--d:latest"];
        for (const ref of good) it(`accepts ${ref}`, () => expectNoProblem({ template: { image: ref } }));
        const bad = ["ghcr.io/acme/shop: 1.0", " nginx", "nginx ", "ghcr.io/Acme/shop:1.0", "Shop", "nginx:1.27\n", "nginx\u0007", "nginx:", "nginx@sha256:abc", "ghcr.io//shop", "shop:" + "t".repeat(129)];
        for (const ref of bad) it(`refuses ${JSON.stringify(ref)}`, () => expectProblem({ template: { image: ref } }, "template.image", /must be an image reference/));
        it("a repository name of at most 255 characters", () => {
            expectNoProblem({ template: { image: `${"x".repeat(255)}:1` } });
            expectProblem({ template: { image: `${"x".repeat(256)}:1` } }, "template.image", /repository name of at most 255 characters, got 256/);
        });
        it("the control's image too", () =>
            expectProblem({ steps: [{ weight: 10, pause: "" }, { weight: 50, pause: "1m" }], delivery: { control: { action: "promote", image: "Shop:1" } } }, "delivery.control.image", /must be an image reference/));
    });

    describe("duplicates", () => {
        it("imagePullSecrets", () => expectProblem({ template: { image, imagePullSecrets: ["reg", "other", "reg"] } }, "template.imagePullSecrets[2]", /must be unique; "reg" is also imagePullSecrets\[0\]/));
        it("ports", () => expectProblem({ template: { image, ports: [{ containerPort: 80 }, { containerPort: 80 }] } }, "template.ports[1].containerPort", /unique per protocol/));
        it("env names", () => expectProblem({ template: { image, env: [{ name: "A", value: "1" }, { name: "A", value: "1" }] } }, "template.env[1].name", /must be unique/));
    });

    describe("the Prometheus address", () => {
        const at = (address: string) => ({ istio: {}, analysis: { prometheus: { address }, successRate: {} } });
        for (const address of ["http://prometheus.monitoring:9090", "https://prom.example.com/api/prefix", "http://10.0.0.1:9090"]) {
            it(`accepts ${address}`, () => expectNoProblem(at(address)));
        }
        for (const address of ["prometheus:9090", "ftp://prometheus", "http://", "http:///x", "http://prom etheus", "http://prometheus\n", "\thttp://prometheus", "http://[::1"]) {
            it(`refuses ${JSON.stringify(address)}`, () => expectProblem(at(address), "analysis.prometheus.address", /must be an http\(s\) URL/));
        }
    });

    describe("regexes, checked by the engine of their router", () => {
        const istio = (regex: string) => ({ istio: { matches: [{ on: "header", name: "x-user", regex }] } });
        const nginx = (regex: string) => ({ nginx: { matches: [{ on: "header", name: "x-user", regex }] } });
        it("Istio (RE2) refuses lookbehind", () => expectProblem(istio("(?<=beta)x"), "istio.matches[0].regex", /must be an RE2 regular expression \(Istio\/Envoy\): RE2 has no lookahead or lookbehind/));
        it("Istio (RE2) refuses backreferences", () => expectProblem(istio("(a)\\1"), "istio.matches[0].regex", /RE2 has no backreferences/));
        it("Istio (RE2) refuses lookahead", () => expectProblem(istio("a(?=b)"), "istio.matches[0].regex", /RE2/));
        it("Istio (RE2) accepts (?P<n>x)", () => expectNoProblem(istio("(?P<n>x)")));
        it("Istio (RE2) accepts (?i) and classes", () => expectNoProblem(istio("(?i)^beta-[a-z0-9]+$")));
        it("an Istio uri regex too", () =>
            expectProblem({ istio: { matches: [{ on: "uri", regex: "/(?!admin)" }] } }, "istio.matches[0].regex", /RE2/));
        it("Nginx (PCRE) accepts lookbehind and backreferences", () => {
            expectNoProblem(nginx("(?<=beta)x"));
            expectNoProblem(nginx("(a)\\1"));
        });
        it("Nginx (PCRE) accepts PCRE-only syntax", () => {
            for (const re of ["(?P<n>x)(?P=n)", "(?>atomic)", "a++b*+", "(?i)beta", "(?i:beta)", "x(?#comment)y", "\\Qa.b\\E", "\\Abeta\\z", "[]a]"]) {
                assert.strictEqual(pcreProblem(re), undefined, re);
            }
        });
        it("Nginx (PCRE) refuses what PCRE refuses", () => {
            expectProblem(nginx("("), "nginx.matches[0].regex", /must be a PCRE regular expression/);
            expectProblem(nginx("(?<=a+)b"), "nginx.matches[0].regex", /lookbehind assertion is not fixed length/);
            expectProblem(nginx("\\u0041"), "nginx.matches[0].regex", /PCRE does not support \\u/);
            expectProblem(nginx("[abc"), "nginx.matches[0].regex", /missing terminating \]/);
        });
        it("the RE2 check is RE2's own", () => {
            assert.match(re2Problem("a**")!, /RE2/);
            assert.strictEqual(re2Problem("\\pL+"), undefined);
        });
    });
});

describe("analysis conditions (expr-lang syntax)", () => {
    const metric = (condition: Record<string, string>) => ({ istio: {}, analysis: { prometheus, metrics: [{ name: "m", query: "sum(x)", ...condition }] } });
    const valid = ["result[0] >= 0.99", "len(result) == 0 || result[0] < 5", "isNaN(result[0]) || result[0] < 0.01", "all(result, {# > 0.9})", "default(result[0], 0) > 1",
        "result not in [1, 2]", "result[1:] != nil", "result?.x ?? 0", "let x = result[0]; x > 1", "result[0] > 1 ? true : false", "if result[0] > 1 { true } else { false }",
        "map(result, .value) | sum() > 0", "0x1F == 31 && 1_000 < result[0]", "`raw` matches 'r.w'", "result[0] > {{args.threshold}}", "asFloat(result[0]) ** 2 > 1e-3"];
    for (const condition of valid) it(`accepts ${condition}`, () => expectNoProblem(metric({ successCondition: condition })));
    const invalid: [string, RegExp][] = [["result[0] >=", /unexpected end of expression/], ["(result[0] > 1", /expected "\)"/], ["result[0] = 1", /unexpected "="/],
        ["result[0] =< 1", /unexpected "="/], ["'open", /unterminated string/], ["result[0] > 1 ?", /unexpected end/], ["f(,)", /unexpected ","/], ["a @ b", /unexpected character "@"/], [" ", /empty/]];
    for (const [condition, rule] of invalid) {
        it(`refuses ${JSON.stringify(condition)}`, () => expectProblem(metric({ failureCondition: condition }), "analysis.metrics[0].failureCondition", new RegExp(`expr-lang.*${rule.source}|${rule.source}`)));
    }
    it("successCondition too", () => expectProblem(metric({ successCondition: "result[0] >" }), "analysis.metrics[0].successCondition", /must be an expression Argo can evaluate \(expr-lang syntax\)/));
});

describe("references, retries and lists the API server or Istio refuse", () => {
    it("a Secret key is a ConfigMap-style key", () => {
        expectProblem({ template: { image, env: [{ name: "A", secretKeyRef: { name: "s", key: "a b" } }] } }, "template.env[0].secretKeyRef.key", /Secret or ConfigMap key/);
        expectProblem({ template: { image, env: [{ name: "A", configMapKeyRef: { name: "c", key: ".." } }] } }, "template.env[0].configMapKeyRef.key", /not "\." or "\.\."/);
        expectProblem({ istio: {}, analysis: { prometheus: { ...prometheus, headers: [{ name: "A", secretKeyRef: { name: "s", key: "{{args.x}}" } }] }, successRate: {} } },
            "analysis.prometheus.headers[0].secretKeyRef.key", /Secret or ConfigMap key/);
        expectNoProblem({ template: { image, env: [{ name: "A", secretKeyRef: { name: "s", key: "db.password_1-x" } }] } });
    });
    it("retryOn lists Envoy retry conditions or status codes", () => {
        expectNoProblem({ istio: { retries: { attempts: 2, retryOn: "gateway-error,connect-failure,refused-stream,503" } } });
        expectProblem({ istio: { retries: { attempts: 2, retryOn: "5xx,2562048h" } } }, "istio.retries.retryOn", /Envoy retry conditions .*"2562048h" is not/);
        expectProblem({ istio: { retries: { attempts: 2, retryOn: "" } } }, "istio.retries.retryOn", /Envoy retry conditions/);
    });
    it("Istio hosts, gateways and routes are unique", () => {
        expectProblem({ istio: { hosts: ["a.example.com", "a.example.com"] } }, "istio.hosts[1]", /must be unique; "a.example.com" is also hosts\[0\]/);
        expectProblem({ istio: { gateways: ["mesh", "gw", "mesh"] } }, "istio.gateways[2]", /must be unique/);
        expectProblem({ istio: { virtualServiceName: "vs", routes: ["primary", "primary"] } }, "istio.routes[1]", /must be unique/);
    });
});

describe("HTTP paths", () => {
    it("a probe path has no whitespace or control characters", () => {
        expectProblem({ template: { image, readinessProbe: { httpGet: { path: "/ready now" } } } }, "template.readinessProbe.httpGet.path", /must not contain whitespace or control characters/);
        expectNoProblem({ template: { image, readinessProbe: { httpGet: { path: "/ready?x=1" } } } });
    });
    it("an Ingress path neither", () => expectProblem({ nginx: { path: "/api\n" } }, "nginx.path", /must not contain whitespace/));
    it("an Exact or Prefix Ingress path avoids the sequences Kubernetes refuses", () => {
        for (const path of ["/a//b", "/a/./b", "/a/../b", "/a%2fb", "/a/..", "/a/."]) {
            expectProblem({ nginx: { path } }, "nginx.path", /with pathType Exact or Prefix \(Kubernetes' rule\)/);
        }
        expectNoProblem({ nginx: { path: "/a//b", pathType: "ImplementationSpecific" } });
        expectNoProblem({ nginx: { path: "/api/v1.2" } });
    });
});

describe("Service appProtocol", () => {
    it("is a qualified name, as Kubernetes checks it", () => {
        expectNoProblem({ service: { appProtocol: "kubernetes.io/h2c" } });
        expectNoProblem({ service: { appProtocol: "http" } });
        expectProblem({ service: { appProtocol: "http 2" } }, "service.appProtocol", /qualified name/);
    });
});
