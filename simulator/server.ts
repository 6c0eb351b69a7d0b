import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createActivations } from "./activations";
import { adminRoutes } from "./admin-api";
import { adminRefusal } from "./admin-guard";
import { createApiKeys } from "./api-keys";
import { createSimClock, type Speed } from "./clock";
import { REQUEST_LOG_LIMIT, type MonitoringReport, type RequestLogEntry, type SimContext } from "./context";
import { createEventLog } from "./event-log";
import { createFaults, type FaultSpec } from "./faults";
import { HttpError, match, sendJson, type Route } from "./http";
import { createKeyPairs, mintActivationToken, mintLaunchToken } from "./keys";
import { createOAuthDriver } from "./oauth-driver";
import { partnerRoutes } from "./partner-api";
import { restRoutes } from "./rest-api";
import { replayFloor, type Connection } from "./stream";
import type { BuildingTyping } from "./campus";
import { createWorld, DEFAULT_PEOPLE, type World } from "./world";
import { worldPreset, WORLD_NAMES } from "./worlds";

// The built-in Cisco Spaces: one HTTP server speaking the documented partner API over a simulated
// campus. It imports nothing from the app: the app reaches it only over HTTP.

export interface SimulatorOptions {
  port?: number;
  host?: string;
  /** A named world (simulator/worlds.ts): its seed, people, tenants, buildings and devices, unless given here. */
  world?: string;
  seed?: number;
  /** People in the demo tenant's campus (default 200). */
  people?: number;
  /** Tenants in the world (1 to 3; default 2: the demo tenant and a small branch). */
  tenants?: number;
  /** Buildings on the demo campus (1: HQ; 2: HQ and the Annex). */
  buildings?: number;
  /** "network": buildings are NETWORK-only nodes, as in the guide's sample hierarchy (default "building"). */
  hierarchy?: BuildingTyping;
  /** False: floors' mapDetails carry no dimension, so no source gives the floor's size in feet (default true). */
  mapDimension?: boolean;
  /** Simulation step; records carry multiples of it as recordTimestamp. */
  tickMs?: number;
  /** How often each active device reports its location (default 5000). */
  updateMs?: number;
  /** Simulated seconds per wall second, or "max" to stream as fast as a client reads. */
  speed?: Speed;
  /** Simulated time at start (epoch ms); default: the wall clock. */
  startAt?: number;
  /** Put names, e-mails, phone numbers and social handles in device and user records. */
  pii?: boolean;
  appId?: string;
  appName?: string;
  keepAliveMs?: number;
  /** How far back fromTimestamp may reach; Cisco documents "the preceding hour". */
  replayWindowMs?: number;
  /** The base URL tokens name (default: the listening address). */
  publicUrl?: string;
  faults?: FaultSpec[];
  /** Wall clock. */
  now?: () => number;
}

export interface Simulator {
  url: string;
  world: World;
  appId: string;
  partnerKey: string;
  mintActivationToken(opts?: {
    ttlSeconds?: number;
    keyVersion?: string;
    baseUrl?: string;
    tenant?: number;
  }): Promise<string>;
  mintLaunchToken(opts: { userId: string; ttlSeconds?: number; keyVersion?: string; tenant?: number }): Promise<string>;
  close(): Promise<void>;
}

export async function createSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const preset = opts.world === undefined ? undefined : worldPreset(opts.world);
  if (opts.world !== undefined && !preset)
    throw new Error(`unknown world "${opts.world}" (known: ${WORLD_NAMES.join(", ")})`);
  const seed = opts.seed ?? preset?.seed ?? 1;
  const wallNow = opts.now ?? Date.now;
  const tickMs = opts.tickMs ?? 1000;
  const world = createWorld({
    seed,
    people: opts.people ?? preset?.people ?? DEFAULT_PEOPLE,
    tenants: opts.tenants ?? preset?.tenants ?? 2,
    buildings: opts.buildings ?? 1,
    hierarchy: opts.hierarchy ?? "building",
    plans: preset?.buildings,
    timeZone: preset?.timeZone,
    devices: preset?.devices,
    tickMs,
    updateMs: opts.updateMs ?? 5000,
    pii: opts.pii ?? false,
  });
  const clock = createSimClock(wallNow, opts.speed ?? 1, opts.startAt);
  const appId =
    opts.appId ?? `app-${createHash("sha256").update(`app|${seed}`).digest("hex").slice(0, 32).toUpperCase()}`;
  const appName = opts.appName ?? "Floorpulse";
  const keys = createKeyPairs();
  const apiKeys = createApiKeys(seed);
  const log = createEventLog(tickMs);
  const faults = createFaults(wallNow);
  const connections = new Set<Connection>();
  const monitoring: MonitoringReport[] = [];
  const requests = new Map<string, number>();
  const requestLog: RequestLogEntry[] = [];
  let baseUrl = "";
  const activations = createActivations(world, apiKeys, log, appName, clock.now);
  const oauth = createOAuthDriver({
    redirectUri: () => `${baseUrl}/partner/OAuthValidation`,
    now: wallNow,
    onActivated: (run) => activations.activateOAuth(run.tenant, run.partnerTenantId!).ref,
  });
  const tenantOf = (i = 0) => world.tenants[Math.min(Math.max(0, i), world.tenants.length - 1)]!;
  const keyOf = (v = "v1") => keys.find((k) => k.version === v) ?? keys[0]!;

  const ctx: SimContext = {
    world,
    clock,
    wallNow,
    appId,
    appName,
    keys,
    apiKeys,
    activations,
    faults,
    log,
    oauth,
    connections,
    monitoring,
    mapUploads: new Map(),
    requests,
    requestLog,
    keepAliveMs: opts.keepAliveMs ?? 15_000,
    replayWindowMs: opts.replayWindowMs ?? 3_600_000,
    mapDimension: opts.mapDimension ?? true,
    baseUrl: () => opts.publicUrl ?? baseUrl,
    async mintActivationToken(o = {}) {
      const tw = tenantOf(o.tenant);
      return mintActivationToken(keyOf(o.keyVersion), {
        appId: o.appId ?? appId,
        partnerTenantId: tw.structure.current().partnerTenantId,
        tenantId: tw.tenant.tenantId,
        customer: tw.tenant.name,
        baseUrl: o.baseUrl ?? opts.publicUrl ?? baseUrl,
        ttlSeconds: o.ttlSeconds,
        nowMs: wallNow(),
        skewSeconds: (o.skewSeconds ?? 0) + faults.skewSeconds(),
        activationRefId: o.activationRefId,
      });
    },
    async mintLaunchToken(o) {
      const tw = tenantOf(o.tenant);
      return mintLaunchToken(keyOf(o.keyVersion), {
        appId: o.appId ?? appId,
        partnerTenantId: tw.structure.current().partnerTenantId,
        tenantId: tw.tenant.tenantId,
        userId: o.userId,
        ttlSeconds: o.ttlSeconds,
        nowMs: wallNow(),
        skewSeconds: (o.skewSeconds ?? 0) + faults.skewSeconds(),
      });
    },
  };
  for (const f of opts.faults ?? []) faults.add(f);

  // A fault that refuses requests also ends the streams it covers.
  faults.onRefuse((f) => {
    for (const c of connections) if (f.key === null || f.key === c.key) c.end();
  });

  const routes: Route[] = [...partnerRoutes(ctx), ...restRoutes(ctx), ...adminRoutes(ctx)];
  const pruner = setInterval(() => log.prune(replayFloor(ctx) - tickMs), 60_000).unref();

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://simulator");
    const method = req.method ?? "GET";
    const seen = `${method} ${url.pathname}`;
    if (!url.pathname.startsWith("/admin/")) {
      requests.set(seen, (requests.get(seen) ?? 0) + 1);
      // Which tenant each partner API call asked for (tests check the real partnerTenantId is sent).
      requestLog.push({
        at: wallNow(),
        method,
        path: url.pathname,
        partnerTenantId: url.searchParams.get("partnerTenantId"),
      });
      if (requestLog.length > REQUEST_LOG_LIMIT) requestLog.splice(0, requestLog.length - REQUEST_LOG_LIMIT);
    }
    if (url.pathname === "/health") return sendJson(res, 200, { status: "up" });
    if (url.pathname.startsWith("/admin/")) {
      const refused = adminRefusal(req.headers, [baseUrl, opts.publicUrl ?? ""]);
      if (refused) return sendJson(res, 403, { status: false, message: refused });
    }
    if (url.pathname.startsWith("/api/partners/v1/")) {
      const down = faults.active("unavailable", (req.headers["x-api-key"] as string | undefined) ?? "")[0];
      if (down) {
        faults.strike(down);
        return sendJson(res, down.status, { status: false, message: "Service Unavailable" });
      }
    }
    const m = match(routes, method, url.pathname);
    if (!m) return sendJson(res, 404, { status: false, message: `No route for ${method} ${url.pathname}` });
    if ("allowed" in m)
      return sendJson(
        res,
        405,
        { status: false, message: `Use ${m.allowed.join(" or ")}` },
        { Allow: m.allowed.join(", ") },
      );
    await m.route.handler(req, res, url, m.params);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (err instanceof HttpError) return sendJson(res, err.status, err.body);
      sendJson(res, 500, { status: false, message: "Internal Server Error" });
    });
  });
  // Idle keep-alive connections outlive the client's pool (undici drops them after 4 s): with Node's
  // 5 s default, a busy client could reuse a socket the server was closing and get ECONNRESET
  // (seen at start-up, minting the demo activation in the same busy process).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = opts.host && opts.host !== "0.0.0.0" && opts.host !== "::" ? opts.host : "127.0.0.1";
  baseUrl = `http://${host.includes(":") ? `[${host}]` : host}:${addr.port}`;

  return {
    get url() {
      return baseUrl;
    },
    world,
    appId,
    partnerKey: activations.partnerKey,
    mintActivationToken: (o) => ctx.mintActivationToken(o),
    mintLaunchToken: (o) => ctx.mintLaunchToken(o),
    async close() {
      clearInterval(pruner);
      for (const c of connections) c.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
