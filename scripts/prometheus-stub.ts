// A Prometheus-compatible endpoint on 127.0.0.1 for the analysis of local releases: the demo and
// the end-to-end tier set the value every query answers, and so decide whether a canary passes.
import * as http from "http";
import * as net from "net";

/**
 * `/api/v1/query` answers a one-sample vector whose value the caller sets. The Argo controller runs
 * on this machine, so the analysis reaches it.
 */
export interface PrometheusStub {
    address: string;
    set(value: number): void;
    /** Queries received, newest last. */
    queries: string[];
    close(): Promise<void>;
}

export async function startPrometheusStub(initial: number): Promise<PrometheusStub> {
    let value = initial;
    const queries: string[] = [];
    const server = http.createServer((req, res) => {
        const url = new URL(req.url ?? "/", "http://127.0.0.1");
        const answer = (query: string | null) => {
            if (url.pathname !== "/api/v1/query") {
                res.writeHead(404, { "content-type": "application/json" });
                res.end(JSON.stringify({ status: "error", errorType: "not_found", error: url.pathname }));
                return;
            }
            queries.push(query ?? "");
            res.writeHead(200, { "content-type": "application/json" });
            res.end(JSON.stringify({
                status: "success",
                data: { resultType: "vector", result: [{ metric: {}, value: [Date.now() / 1000, String(value)] }] },
            }));
        };
        if (req.method === "POST") {
            let body = "";
            req.on("data", (d) => { body += d; }).on("end", () => answer(new URLSearchParams(body).get("query")));
        } else {
            answer(url.searchParams.get("query"));
        }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    return {
        address: `http://127.0.0.1:${port}`,
        set: (v) => { value = v; },
        queries,
        close: () => new Promise((resolve) => server.close(() => resolve())),
    };
}
