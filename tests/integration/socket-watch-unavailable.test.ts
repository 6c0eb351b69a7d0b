import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { MessageChannel } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "@/lib/log";
import { connectIngestPort, serveIngestPort } from "@/lib/realtime/port-link";
import { attachSocketServer, type SocketServer } from "@/lib/realtime/server";
import { connectSocket, type TestSocket } from "@/tests/helpers/socket";

// A browser that asks for a view the ingest thread cannot give now (its query failed or timed out)
// is told so and asks again, instead of waiting for an answer that never comes.

const quiet = createLogger("silent");
const BUSY = { error: expect.stringContaining("did not answer"), retryAfterMs: expect.any(Number) };
const open: Array<() => unknown> = [];
afterEach(async () => {
  for (const close of open.splice(0).reverse()) await close();
});

async function serveWithFailingIngest(): Promise<{ url: string; failures: () => number }> {
  const { port1, port2 } = new MessageChannel();
  let failures = 0;
  const broken = async () => {
    failures++;
    throw new Error("database is locked");
  };
  serveIngestPort(
    port2,
    {
      queries: {
        locationSnapshot: broken,
        floorSnapshot: broken,
        lineage: broken,
        updateLocation: broken,
        locate: broken,
        metrics: async () => [],
      },
      sync() {},
      go() {},
      realtime() {},
      close() {},
    },
    quiet,
  );
  const web = connectIngestPort(port1, { deltas: { location() {}, floor() {} }, phase() {}, fatal() {}, closed() {} });
  const http: Server = createServer();
  const sockets: SocketServer = attachSocketServer(http, quiet, {
    authenticate: async () => ({ tenantId: "t1", role: "admin", scopeLocationId: null }),
    view: web.queries,
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  open.push(
    () => port1.close(),
    () => sockets.close(),
  );
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, failures: () => failures };
}

const ask = (s: TestSocket, event: "location:watch" | "floor:watch", id: string | null) =>
  new Promise<unknown>((resolve) =>
    event === "location:watch" ? s.emit(event, id, resolve) : s.emit(event, id ?? "", resolve),
  );

describe("a watch the ingest thread cannot answer", () => {
  it("is answered with a busy error, for the tenant overview and for a floor, and the socket stays usable", async () => {
    const app = await serveWithFailingIngest();
    const s = await connectSocket(app.url);
    open.push(() => s.disconnect());
    expect(await ask(s, "location:watch", null)).toMatchObject(BUSY);
    expect(await ask(s, "floor:watch", "floor-1")).toMatchObject(BUSY);
    // Asked again (as the browser does after WATCH_RETRY_MS), it is answered again on the same socket.
    expect(await ask(s, "location:watch", "zone-1")).toMatchObject(BUSY);
    expect(s.connected).toBe(true);
    expect(app.failures()).toBeGreaterThanOrEqual(3);
  });
});
