import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { appHealthAnswer, firehoseHealthAnswer } from "@/lib/health/answers";
import type { HealthSources } from "@/lib/health/types";
import { CLIENT_IP_HEADER } from "@/lib/http/headers";
import type { Logger } from "@/lib/log";
import { metricsAnswer } from "./answer";
import type { Metrics } from "./metrics";

// A worker (ROLE=worker) serves no pages, yet its orchestrator probes it and Prometheus scrapes it:
// /metrics, /api/health and /api/health/firehose on a port of its own, answered by the same code as
// the web routes.

export interface ProbeServer {
  url: string;
  close(): Promise<void>;
}

export async function startProbeServer(o: {
  port: number;
  host: string;
  health: HealthSources;
  metrics: Metrics;
  metricsToken: string | undefined;
  log: Logger;
}): Promise<ProbeServer> {
  const server: Server = createServer((req, res) => {
    void answer(req)
      .then((r) => res.writeHead(r.status, r.headers).end(r.body))
      .catch((e: unknown) => {
        o.log.warn({ err: (e as Error).message, path: req.url }, "probe failed");
        res.writeHead(500, { "Content-Type": "text/plain" }).end("probe failed\n");
      });
  });
  const json = (r: { httpStatus: number; body: unknown }) => ({
    status: r.httpStatus,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
    body: JSON.stringify(r.body),
  });
  async function answer(
    req: IncomingMessage,
  ): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD")
      return {
        status: 405,
        headers: { Allow: "GET, HEAD", "Content-Type": "text/plain" },
        body: "method not allowed\n",
      };
    if (path === "/api/health") return json(await appHealthAnswer(o.health, o.log));
    if (path === "/api/health/firehose") return json(firehoseHealthAnswer(o.health));
    if (path === "/metrics") {
      // As on the web: the peer's address decides what a scraper without METRICS_TOKEN may read.
      const peer = req.socket.remoteAddress ?? "";
      const header = (n: string) => (n === CLIENT_IP_HEADER ? peer : ((req.headers[n] as string | undefined) ?? null));
      return metricsAnswer(header, o.metricsToken, o.metrics);
    }
    return { status: 404, headers: { "Content-Type": "text/plain" }, body: "not found\n" };
  }
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${o.host === "0.0.0.0" ? "127.0.0.1" : o.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
