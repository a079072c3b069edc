// Single-value formats that are not Kubernetes names: image references, HTTP tokens and header
// values, Istio hosts, URLs. Each returns the rule broken, or undefined.
import { quote } from "./rules/problem";

// The image reference grammar of the distribution project (what the kubelet and registries parse):
// [domain[:port]/]path[:tag][@digest], path components lowercase.
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const TAG = "[\\w][\\w.-]{0,127}";
const DIGEST = "[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}";
const IMAGE = new RegExp(`^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`);
/** Longest repository name a registry accepts. */
const MAX_IMAGE_NAME = 255;

export function imageReference(image: string): string | undefined {
    const why = "must be an image reference such as \"ghcr.io/acme/shop:1.4.2\" (lowercase repository, optional registry, :tag and @digest; no spaces or control characters)";
    if (!IMAGE.test(image)) return `${why}, got ${quote(image)}`;
    const name = image.replace(/@.*$/, "").replace(/:[\w][\w.-]*$/, "");
    if (name.length > MAX_IMAGE_NAME) return `must have a repository name of at most ${MAX_IMAGE_NAME} characters, got ${name.length}`;
    return undefined;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Header and cookie names: an HTTP token (RFC 9110). */
export function httpToken(name: string): string | undefined {
    return TOKEN.test(name) ? undefined : `must be an HTTP token (letters, digits and !#$%&'*+.^_\`|~-; no spaces, ':' or control characters), got ${quote(name)}`;
}

/** Header values: CR, LF or NUL would end or split the header; HTTP clients refuse the other control characters too (all but tab). */
export function headerValue(value: string): string | undefined {
    return /[\0-\x08\x0a-\x1f\x7f]/.test(value) ? "must not contain CR, LF, NUL or other control characters (they would end or split an HTTP header)" : undefined;
}

/** A Prometheus query: any text but control characters other than tab and newline (PromQL has no use for them). */
export function promQuery(query: string): string | undefined {
    if (query.trim() === "") return "must not be empty";
    return /[\0-\x08\x0b-\x1f\x7f]/.test(query) ? "must not contain control characters (other than tab and newline)" : undefined;
}

const HOST_LABEL = /^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;

/** An Istio host: a DNS name (a short name is one label), "*", or "*." and a DNS name. */
export function istioHost(host: string): string | undefined {
    const why = `must be a DNS name, "*" or "*.<DNS name>" (Istio hosts), got ${quote(host)}`;
    if (host === "*") return undefined;
    const name = host.startsWith("*.") ? host.slice(2) : host;
    if (name.length === 0 || host.length > 255) return why;
    return name.split(".").every((label) => label.length <= 63 && HOST_LABEL.test(label)) ? undefined : why;
}

/** An http(s) URL with a host, as Argo's Prometheus provider dials it. */
export function httpUrl(address: string): string | undefined {
    const why = `must be an http(s) URL such as "http://prometheus.monitoring:9090", got ${quote(address)}`;
    // The URL parser quietly drops tabs and newlines and trims spaces: refuse them first.
    if (/[\s\0-\x1f\x7f]/.test(address) || !/^https?:\/\/[^/?#\\]/i.test(address)) return why;
    let url: URL;
    try {
        url = new URL(address);
    } catch {
        return why;
    }
    if ((url.protocol !== "http:" && url.protocol !== "https:") || url.hostname === "") return why;
    return undefined;
}

/** Keys of a Secret or ConfigMap (what a secretKeyRef or configMapKeyRef may name). */
export function configMapKey(key: string): string | undefined {
    if (key.length === 0) return "must not be empty";
    if (key.length > 253) return `must be at most 253 characters (a Secret or ConfigMap key), got ${key.length}`;
    if (!/^[-._a-zA-Z0-9]+$/.test(key) || key === "." || key === "..") {
        return `must be a Secret or ConfigMap key (letters, digits, '-', '_' and '.'; not "." or ".."), got ${quote(key)}`;
    }
    return undefined;
}

/** The retry conditions Istio accepts in retryOn (Envoy's x-envoy-retry-on and x-envoy-retry-grpc-on), besides HTTP status codes. */
const RETRY_ON = ["5xx", "gateway-error", "reset", "reset-before-request", "connect-failure", "envoy-ratelimited", "retriable-4xx", "refused-stream",
    "retriable-status-codes", "retriable-headers", "http3-post-connect-failure", "cancelled", "deadline-exceeded", "internal", "resource-exhausted", "unavailable"];

export function retryOn(value: string): string | undefined {
    const unknown = value.split(",").map((p) => p.trim()).filter((p) => !RETRY_ON.includes(p) && !/^[1-5]\d\d$/.test(p));
    if (unknown.length === 0) return undefined;
    return `must be a comma-separated list of Envoy retry conditions (such as "5xx,connect-failure,refused-stream") or HTTP status codes; ${unknown.slice(0, 3).map(quote).join(", ")}${unknown.length > 3 ? ` and ${unknown.length - 3} more are` : unknown.length === 1 ? " is" : " are"} not`;
}

/** An HTTP path (probes, Ingress paths): starts with "/", no whitespace or control characters. */
export function httpPath(path: string): string | undefined {
    if (!path.startsWith("/")) return "must start with '/'";
    if (/[\s\0-\x1f\x7f]/.test(path)) return `must not contain whitespace or control characters, got ${quote(path)}`;
    return undefined;
}

/** The sequences Kubernetes refuses in an Ingress path of type Exact or Prefix. */
export function ingressPathSequences(path: string): string | undefined {
    const bad = ["//", "/./", "/../", "%2f", "%2F"].find((s) => path.includes(s)) ?? ["/..", "/."].find((s) => path.endsWith(s));
    return bad ? `must not contain ${quote(bad)} with pathType Exact or Prefix (Kubernetes' rule), got ${quote(path)}` : undefined;
}
