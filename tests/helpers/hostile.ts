import { until } from "./poll";
import { request } from "node:http";
import { io } from "socket.io-client";
import { expect } from "vitest";
import type { LocationSnapshot, LocationView, WatchError } from "@/lib/realtime/protocol";
import type { TestSocket } from "./socket";
import type { AppServer } from "./app-server";
import { browserFrom, launch, mintLaunch, simulatorUrl, type Browser } from "./auth-http";

// Requests a polite client would never send (un-normalised paths, lying or endless bodies), sent with
// node:http so nothing between the test and the server fixes them up.

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Sends `path` exactly as given. `body` chunks are written one after another (chunked unless a
 * content-length header is given); the answer may arrive before they are all written.
 */
export function rawRequest(
  base: string,
  o: { method?: string; path: string; headers?: Record<string, string>; chunks?: Buffer[] },
): Promise<RawAnswer> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, method: o.method ?? "GET", path: o.path, headers: o.headers },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on("error", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    // The server may close the connection while we still write: that is the point, not a failure.
    req.on("error", (e) => (answered ? undefined : reject(e)));
    let answered = false;
    req.on("response", () => (answered = true));
    const chunks = o.chunks ?? [];
    const writeNext = (i: number) => {
      if (answered || req.destroyed) return;
      if (i >= chunks.length) return void req.end();
      // A little slower than the wire, as a real uploader: the answer can arrive between two chunks.
      req.write(chunks[i], () => setTimeout(() => writeNext(i + 1), 5));
    };
    writeNext(0);
  });
}

/** The server still answers its health check and a page after whatever was thrown at it. */
export async function expectHealthy(app: AppServer): Promise<void> {
  const health = await fetch(`${app.url}/api/health`);
  expect([200]).toContain(health.status);
  expect(((await health.json()) as { status: string }).status).toMatch(/^(up|degraded)$/);
  expect((await fetch(`${app.url}/signin`)).status).toBe(200);
}

export const apiError = async (res: Response) => ({
  status: res.status,
  ...(((await res.json().catch(() => ({}))) as { error?: { code: string; message: string } }).error ?? {}),
});

/** A browser signed in through the app tile (LAUNCH_ADMIN_EMAILS decides whether it is an admin). */
export async function launchAs(app: AppServer, userId: string, tenant = 0): Promise<Browser> {
  const res = await launch(app, { token: await mintLaunch(simulatorUrl(app), { userId, tenant }) });
  if (res.status !== 303) throw new Error(`launch as ${userId} failed: HTTP ${res.status}`);
  return browserFrom(res);
}

/** A Socket.IO client with a browser's cookie or a kiosk token; rejects with the server's refusal. */
export async function socketAs(app: AppServer, o: { cookie?: string; token?: string }): Promise<TestSocket> {
  const s: TestSocket = io(app.url, {
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    extraHeaders: o.cookie ? { Cookie: o.cookie } : {},
    auth: o.token ? { token: o.token } : {},
  });
  await new Promise<void>((resolve, reject) => {
    s.once("connect", () => resolve());
    s.once("connect_error", (e) => {
      s.close();
      reject(e);
    });
  });
  return s;
}

/** What `who` may watch of the whole tenant: its locations, once the stream has delivered a floor with a map. */
export async function tenantLocations(
  app: AppServer,
  who: { cookie?: string; token?: string },
  ms = 30_000,
): Promise<LocationView[]> {
  const s = await socketAs(app, who);
  try {
    const watch = async () => {
      const snap: LocationSnapshot | WatchError = await s.timeout(10_000).emitWithAck("location:watch", null);
      if ("error" in snap) throw new Error(`watch refused: ${snap.error}`);
      return snap.locations;
    };
    return await until(
      "a floor with a map",
      watch,
      (ls) => ls.some((l: LocationView) => l.type === "FLOOR" && l.mapId),
      ms,
      500,
    );
  } finally {
    s.close();
  }
}

/** The first floor with a map in the tenant of `who`. */
export async function firstFloor(app: AppServer, who: Browser): Promise<{ floorId: string; mapId: string }> {
  const floor = (await tenantLocations(app, who)).find((l) => l.type === "FLOOR" && l.mapId)!;
  return { floorId: floor.id, mapId: floor.mapId! };
}

/** A display link the demo visitor on this machine makes for `locationId` (no cookie: demo mode is on); its token. */
export async function demoKioskToken(app: AppServer, locationId: string, label = "Lobby"): Promise<string> {
  const res = await fetch(`${app.url}/api/kiosk-tokens`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: app.url },
    body: JSON.stringify({ locationId, label }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}
