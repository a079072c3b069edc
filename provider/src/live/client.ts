// A small Kubernetes REST client for the live release: GET and merge PATCH with a hard deadline.
// @kubernetes/client-node parses the kubeconfig (contexts, certificates, tokens, exec plugins);
// the requests are ours, because its generated API clients cannot be cancelled: a cluster that
// accepts the connection and never answers kept a preview's sockets open for good. Here every
// request is aborted and its socket destroyed when the deadline passes.
import * as http from "http";
import * as https from "https";
import type { ClusterTarget } from "./cluster";

/** How long one request may take before it is aborted. */
export const REQUEST_TIMEOUT_MS = 10_000;

// @kubernetes/client-node is an ES module; this package compiles to CommonJS, where TypeScript
// would turn `import()` into `require()`, which cannot load it on Node 20.
const importEsm = new Function("m", "return import(m)") as (m: string) => Promise<ClientModule>;
type ClientModule = typeof import("@kubernetes/client-node");
type KubeConfig = import("@kubernetes/client-node").KubeConfig;

/** An API error with the server's status code (404 and 409 are answers, not failures). */
export class KubeError extends Error {
    constructor(message: string, readonly status?: number) {
        super(message);
    }
}

export interface KubeClient {
    /** Namespace for objects that name none: the provider's, else the kubeconfig context's, else "default". */
    readonly defaultNamespace: string;
    /** The API server's address, for messages. */
    readonly server: string;
    /** GET `path`; undefined on 404. */
    get<T>(path: string): Promise<T | undefined>;
    /** Merge-patches `path` (e.g. ".../rollouts/shop/status"). */
    mergePatch<T>(path: string, patch: object): Promise<T>;
}

/** Loads the kubeconfig the target names, as the Kubernetes provider does. */
export async function loadKubeConfig(target: ClusterTarget): Promise<KubeConfig> {
    const k8s = await importEsm("@kubernetes/client-node");
    const kc = new k8s.KubeConfig();
    const source = target.kubeconfig;
    // The provider's `kubeconfig` is either a path or the document itself.
    if (source && /\n|^\s*(apiVersion|clusters|\{)/.test(source)) kc.loadFromString(source);
    else if (source) kc.loadFromFile(source);
    else kc.loadFromDefault();
    if (target.context) kc.setCurrentContext(target.context);
    if (target.cluster) {
        const current = kc.getCurrentContext();
        kc.contexts = kc.contexts.map((c) => (c.name === current ? { ...c, cluster: target.cluster! } : c));
    }
    return kc;
}

const clients = new Map<string, Promise<KubeClient>>();

/** One client per cluster target per process: one kubeconfig load, one pool of kept-alive connections. */
export function kubeClient(target: ClusterTarget, timeoutMs = REQUEST_TIMEOUT_MS): Promise<KubeClient> {
    const key = JSON.stringify([target.kubeconfig, target.context, target.cluster, target.namespace, timeoutMs]);
    let client = clients.get(key);
    if (!client) {
        client = createClient(target, timeoutMs);
        // A failed load (a missing file, say) is not cached: the next call says why again.
        client.catch(() => clients.delete(key));
        clients.set(key, client);
    }
    return client;
}

async function createClient(target: ClusterTarget, timeoutMs: number): Promise<KubeClient> {
    const kc = await loadKubeConfig(target);
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new KubeError(`the kubeconfig has no cluster for context "${kc.getCurrentContext()}"`);
    const server = cluster.server.replace(/\/+$/, "");
    const defaultNamespace = target.namespace || kc.getContextObject(kc.getCurrentContext())?.namespace || "default";
    const tls: https.RequestOptions = {};
    await kc.applyToHTTPSOptions(tls);
    const secure = server.startsWith("https:");
    // Idle kept-alive sockets are unref'd by Node's agent, so they never hold the process open.
    const agent = secure
        ? new https.Agent({ keepAlive: true, ca: tls.ca, cert: tls.cert, key: tls.key, rejectUnauthorized: tls.rejectUnauthorized, servername: tls.servername })
        : new http.Agent({ keepAlive: true });

    async function request<T>(method: string, path: string, body?: object): Promise<T | undefined> {
        // Headers are applied per request: exec plugins and token files may refresh credentials.
        const auth: https.RequestOptions = {};
        await kc.applyToHTTPSOptions(auth);
        const headers: Record<string, string> = { accept: "application/json", ...(auth.headers as Record<string, string>) };
        if (auth.auth) headers.authorization = `Basic ${Buffer.from(auth.auth).toString("base64")}`;
        const payload = body === undefined ? undefined : JSON.stringify(body);
        if (payload !== undefined) headers["content-type"] = "application/merge-patch+json";
        return new Promise<T | undefined>((resolve, reject) => {
            const req = (secure ? https : http).request(`${server}${path}`, { method, headers, agent });
            // One deadline for the whole exchange (connect, TLS, headers, body): on expiry the request
            // is aborted and its socket destroyed, so nothing is left waiting on a silent server.
            const deadline = setTimeout(() => req.destroy(new KubeError(`no answer from ${server} in ${timeoutMs / 1000}s`)), timeoutMs);
            req.on("error", (err) => {
                clearTimeout(deadline);
                reject(err instanceof KubeError ? err : new KubeError(`cannot reach ${server}: ${err.message}`));
            });
            req.on("response", (res) => {
                let text = "";
                res.setEncoding("utf8");
                res.on("data", (chunk: string) => { text += chunk; });
                res.on("error", (err) => { clearTimeout(deadline); reject(new KubeError(err.message)); });
                res.on("end", () => {
                    clearTimeout(deadline);
                    const status = res.statusCode ?? 0;
                    if (status === 404) return resolve(undefined);
                    if (status < 200 || status >= 300) return reject(new KubeError(apiMessage(text, status), status));
                    try {
                        resolve(JSON.parse(text) as T);
                    } catch {
                        reject(new KubeError(`${server} answered with something that is not JSON`, status));
                    }
                });
            });
            req.end(payload);
        });
    }

    return {
        defaultNamespace,
        server,
        get: (path) => request("GET", path),
        mergePatch: async (path, patch) => {
            const out = await request<any>("PATCH", path, patch);
            if (out === undefined) throw new KubeError(`${path} does not exist`, 404);
            return out;
        },
    };
}

/** The message of a Kubernetes Status answer, else the status code. */
function apiMessage(text: string, status: number): string {
    try {
        const parsed = JSON.parse(text) as { message?: string };
        if (parsed.message) return `${parsed.message} (HTTP ${status})`;
    } catch {
        // not a Status object
    }
    return `HTTP ${status}`;
}

/** API paths of the objects the live release reads. */
export const paths = {
    rollout: (ns: string, name: string) => `/apis/argoproj.io/v1alpha1/namespaces/${ns}/rollouts/${name}`,
    rollouts: (ns: string) => `/apis/argoproj.io/v1alpha1/namespaces/${ns}/rollouts`,
    rolloutStatus: (ns: string, name: string) => `/apis/argoproj.io/v1alpha1/namespaces/${ns}/rollouts/${name}/status`,
    replicaSet: (ns: string, name: string) => `/apis/apps/v1/namespaces/${ns}/replicasets/${name}`,
    replicaSets: (ns: string, selector: string) => `/apis/apps/v1/namespaces/${ns}/replicasets?labelSelector=${encodeURIComponent(selector)}`,
    deployment: (ns: string, name: string) => `/apis/apps/v1/namespaces/${ns}/deployments/${name}`,
    namespace: (name: string) => `/api/v1/namespaces/${name}`,
    service: (ns: string, name: string) => `/api/v1/namespaces/${ns}/services/${name}`,
    ingress: (ns: string, name: string) => `/apis/networking.k8s.io/v1/namespaces/${ns}/ingresses/${name}`,
};
