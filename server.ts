// Composition root: config → migrations → simulator (when no Cisco Spaces activation is configured)
// → the hub and ingest (ROLE all|worker) → Next.js and Socket.IO on one HTTP server (ROLE all|web)
// → graceful shutdown. ROLE=all (the default) is one process on SQLite with no Redis.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { activateWithToken } from "@/lib/activation/activate";
import { normaliseBaseUrl, peekActivationToken } from "@/lib/activation/activation-token";
import { loadConfigOrThrow, type Config } from "@/lib/config";
import { ensureApiKeyActivation } from "@/lib/activation/api-key";
import { createAlertService } from "@/lib/alerts/service";
import { createAuthContext } from "@/lib/auth/context";
import { authenticateSocket } from "@/lib/auth/socket";
import { validSocketSessions } from "@/lib/auth/socket-sessions";
import { CLIENT_IP_HEADER } from "@/lib/auth/principal";
import { bufferBodyWithinLimit } from "@/lib/http/body-limit";
import { holdAdvisoryLock, type Leadership } from "@/lib/ingest/leader";
import { startIngest, type Ingest } from "@/lib/ingest/worker";
import { createLogger } from "@/lib/log";
import { startHealthRecorder } from "@/lib/health/recorder";
import type { HealthSources } from "@/lib/health/types";
import { createMetrics } from "@/lib/metrics/metrics";
import { instanceDetails } from "@/lib/monitoring/instance";
import { startMonitoringReporter } from "@/lib/monitoring/reporter";
import { createHub, localView, type Hub, type HubCommands, type HubView, type LocationPatch } from "@/lib/realtime/hub";
import { connectRedis, createRedisMirror, createRemoteView, publishIngestStatus, readIngestStatus } from "@/lib/realtime/redis-mirror";
import { attachSocketServer, localEmitter, slowClientStats, type IoServer, type SocketServer } from "@/lib/realtime/server";
import { validKioskIds } from "@/lib/auth/kiosk-tokens";
import { setRegistry } from "@/lib/registry";
import { SPACES_REGIONS } from "@/lib/spaces/regions";
import { findActiveActivations, setActivationStatus, type ActiveActivation } from "@/lib/store/activations";
import { createDb, isPostgresUrl, type Db } from "@/lib/store/db";
import { listLocations } from "@/lib/store/locations";
import { applyMigrations } from "@/lib/store/migrate";
import { createSimulator, type Simulator } from "./simulator/server";

const root = dirname(fileURLToPath(import.meta.url));

let config: Config;
try {
  config = loadConfigOrThrow();
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
}
const log = createLogger(config.LOG_LEVEL).child({ role: config.ROLE });
const started = Date.now();
const serveWeb = config.ROLE !== "worker";
const runIngest = config.ROLE !== "web";
const closers: Array<() => Promise<unknown> | unknown> = []; // run in reverse on shutdown
let stopping = false;
// From the first moment: a signal during start-up closes whatever has started so far.
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

await applyMigrations(root, config.DATABASE_URL);
const db = createDb(config.DATABASE_URL);
closers.push(() => db.$disconnect());

// The simulator stands in for Cisco Spaces when no activation is configured: ours, or one already running.
let simulator: Simulator | null = null;
let simulatorUrl: string | null = config.SIMULATOR_URL ?? null;
/** The simulated venue's public address (Devices Lookup's remoteIP) when the built-in simulator runs. */
let simulatorPublicIp: string | null = null;
if (!config.SPACES_ACTIVATION_TOKEN && !config.SPACES_API_KEY && !simulatorUrl && runIngest) {
  simulator = await createSimulator({
    port: config.SIMULATOR_PORT,
    world: config.SIMULATOR_WORLD,
    seed: config.SIMULATOR_SEED,
    tickMs: config.SIMULATOR_TICK_MS,
    speed: config.SIMULATOR_SPEED,
    pii: config.SIMULATOR_PII,
    hierarchy: config.SIMULATOR_HIERARCHY,
    mapDimension: config.SIMULATOR_MAP_DIMENSION,
  });
  simulatorUrl = simulator.url;
  closers.push(() => simulator?.close());
  simulatorPublicIp = await fetch(`${simulator.url}/admin/world?tenant=0`)
    .then((r) => r.json() as Promise<{ publicIp?: string }>)
    .then((w) => w.publicIp ?? null)
    .catch(() => null);
  log.info({ url: simulator.url }, "built-in Cisco Spaces simulator started (no activation configured)");
}

const redis = config.REDIS_URL ? { pub: await connectRedis(config.REDIS_URL, log), sub: await connectRedis(config.REDIS_URL, log) } : null;
if (redis) closers.push(() => Promise.all([redis.pub.quit(), redis.sub.quit()]));

// --- web: Next.js and Socket.IO on one HTTP server ---
let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
let io: IoServer | null = null;
let sockets: SocketServer | null = null;
let publicUrl = config.PUBLIC_URL ?? "";
const httpServer = serveWeb
  ? createServer((req, res) => {
      if (handler) return handler(req, res);
      res.writeHead(503, { "Content-Type": "text/plain", "Retry-After": "2" }).end("Floorpulse is starting");
    })
  : null;
if (httpServer) {
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.PORT, config.HOST, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  publicUrl ||= `http://${config.HOST === "0.0.0.0" ? "127.0.0.1" : config.HOST}:${port}`;
}

// --- the hub: live state, coalescing and sequence numbers; it lives where ingest runs ---
let hub: Hub | null = null;
let view: HubView | null = null;
let commands: HubCommands | null = null;
const mirror = redis && runIngest ? createRedisMirror(redis.pub, log) : null;
let flushTimer: NodeJS.Timeout | undefined;
const ingests: Ingest[] = [];

// --- health and metrics: what this process runs, or (a web node) what the workers report ---
const sharedStatus = redis && !runIngest ? readIngestStatus(redis.pub) : null;
if (sharedStatus) closers.push(() => sharedStatus.close());
const health: HealthSources = {
  db,
  ingest: () => (sharedStatus ? sharedStatus.current() : ingests.map((i) => i.status())),
  realtime: () => ({ clients: io?.engine.clientsCount ?? 0, maxBufferedBytes: slowClientStats(io).maxBufferedBytes }),
};
const metrics = createMetrics({ sources: health });
const hubEmitter = () => (mirror ? mirror.emitter : localEmitter(io!));

/** Tenants whose ingest runs in this process (a standby worker has none yet). */
const activeTenants = new Set<string>();


let markAuthReady: () => void = () => {};
const authReady = new Promise<void>((resolve) => (markAuthReady = resolve));

if (httpServer) {
  const socketView: HubView = {
    locationSnapshot: (t, s) => view!.locationSnapshot(t, s),
    floorSnapshot: (t, f) => view!.floorSnapshot(t, f),
    lineage: (id) => view!.lineage(id),
  };
  sockets = attachSocketServer(httpServer, log, {
    view: socketView,
    redis: redis ? { pub: redis.pub, sub: redis.sub } : undefined,
    // A socket refused by middleware is not retried by socket.io-client: sockets that reconnect while
    // this process boots wait for the auth registry instead of being turned away as unauthorized.
    authenticate: (h) => authReady.then(() => authenticateSocket(h)),
    onLagging: metrics.slowClient,
    onResync: metrics.resync,
    maxBufferedBytes: config.REALTIME_MAX_BUFFERED_BYTES,
    validKiosks: (ids) => validKioskIds(db, ids),
    validSessions: (sessions) => validSocketSessions(db, sessions, Date.now()),
  });
  io = sockets.io;
  closers.push(() => sockets!.close());
}
if (runIngest) {
  hub = createHub(hubEmitter(), await listLocations(db), { observeLatency: metrics.broadcastLatency });
  mirror?.attach(hub);
  if (mirror && redis) await mirror.listen(redis.sub, (id, patch) => void applyLocationPatch(id, patch));
  flushTimer = setInterval(() => hub!.flush(), 100);
  closers.push(async () => {
    clearInterval(flushTimer);
    hub?.flush();
    await mirror?.flushed();
  });
}
view = hub && !mirror ? localView(hub) : redis ? createRemoteView(redis.pub) : null;
commands = hub ? { updateLocation: applyLocationPatch } : (view as (HubView & HubCommands) | null);

/** An admin changed a location: the live views show it, and a zone outline changes what the engine counts. */
function applyLocationPatch(locationId: string, patch: LocationPatch): boolean {
  const tenantId = hub?.tenantOf(locationId);
  if (!hub || !tenantId || !activeTenants.has(tenantId)) return false;
  if (patch.polygon !== undefined) for (const i of ingests) if (i.tenantId === tenantId) i.setZonePolygon(locationId, patch.polygon);
  return hub.updateLocation(locationId, patch);
}

if (httpServer) {
  const dev = config.NODE_ENV !== "production";
  const app = next({ dev, dir: root, hostname: config.HOST, port: (httpServer.address() as AddressInfo).port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const auth = await createAuthContext({ config, db, log, publicUrl, simulator: simulatorUrl ? { url: simulatorUrl, appId: simulator?.appId ?? null } : null });
  setRegistry({
    config,
    db,
    hub: commands!,
    log,
    auth,
    health,
    metrics,
    // A customer activated at /setup: stream it now (saving it deactivated the tenant's older activation).
    activations: runIngest ? { onActivated: (a) => void startActivation(a) } : undefined,
    kiosks: { revoked: (id) => sockets?.endKiosk(id), staleAfterMs: config.KIOSK_STALE_AFTER_S * 1000 },
    // "You are here": where the ingest in this process last placed a device (web-only nodes have none).
    locateDevice: runIngest ? (tenantId, deviceId) => ingests.find((i) => i.tenantId === tenantId)?.locate(deviceId) ?? null : undefined,
    venuePublicIp: config.VENUE_PUBLIC_IP ?? simulatorPublicIp,
  });
  markAuthReady();
  handler = (req, res) => {
    // Route handlers see no socket: tell them the peer (demo mode, rate limits); a client's own value is overwritten.
    req.headers[CLIENT_IP_HEADER] = req.socket.remoteAddress ?? "";
    // Bodies are capped (413) before Next.js buffers anything.
    void bufferBodyWithinLimit(req, res).then((ok) => (ok ? handle(req, res) : undefined));
  };
  closers.push(() => new Promise<void>((resolve) => httpServer.close(() => resolve())));
}

// --- ingest: one stream per activation; with PostgreSQL, one active worker per activation ---
const leaderships: Leadership[] = [];
const webhook = config.ALERT_WEBHOOK_URL && config.ALERT_WEBHOOK_SECRET ? { url: config.ALERT_WEBHOOK_URL, secret: config.ALERT_WEBHOOK_SECRET } : null;
const alerts = runIngest ? createAlertService({ db, log, webhook }) : undefined;
if (alerts) closers.push(() => alerts.close());
if (runIngest) {
  for (const activation of await resolveActivations(db, config, simulatorUrl)) {
    // With SQLite this process is the only worker; with PostgreSQL it may stand by for a while.
    const running = startActivation(activation);
    if (!isPostgresUrl(config.DATABASE_URL)) await running;
  }
  closers.push(async () => {
    await Promise.all(ingests.map((i) => i.close())); // closes the streams and flushes pending writes
    await Promise.all(leaderships.map((l) => l.release()));
  });
  // Health is recorded, and reported to Cisco Spaces, where ingest runs.
  const recorder = startHealthRecorder({ sources: health, log, onChecks: metrics.healthChecked });
  const reporter = startMonitoringReporter({ sources: health, log, metrics, instance: instanceDetails(config.INSTANCE_ID) });
  closers.push(() => recorder.close());
  closers.push(() => reporter.close()); // closers run in reverse: the last report goes out while the database answers
  if (redis) {
    const shareTimer = setInterval(() => void publishIngestStatus(redis.pub, ingests.map((i) => i.status())).catch(() => {}), 2_000);
    closers.push(() => clearInterval(shareTimer));
  }
}

function startActivation(activation: ActiveActivation): Promise<void> {
  // One stream per tenant and kind: a newer activation replaces the older one's stream.
  const older = ingests.filter((i) => i.tenantId === activation.tenantId && i.activationId !== activation.id);
  return Promise.all(older.map((i) => i.close().then(() => ingests.splice(ingests.indexOf(i), 1))))
    .then(() => runActivation(activation))
    .catch((e: unknown) => {
      log.error({ err: (e as Error).message, activation: activation.id }, "ingest failed to start");
      void shutdown("ingest failed to start");
    });
}

async function runActivation(activation: ActiveActivation) {
  if (isPostgresUrl(config.DATABASE_URL)) {
    const lead = holdAdvisoryLock(config.DATABASE_URL, `ingest:${activation.id}`, log);
    leaderships.push(lead);
    try {
      await lead.acquired;
    } catch {
      return; // shutting down before this worker became active
    }
    void lead.lost.then(() => shutdown("lost the ingest lock"));
  }
  if (stopping) return;
  const ingest = await startIngest({
    activation,
    db,
    hub: hub!,
    log,
    metrics,
    alerts,
    idleMs: config.FIREHOSE_IDLE_MS,
    unauthorizedRetryMs: config.FIREHOSE_UNAUTHORIZED_RETRY_MS,
    backoffMaxMs: config.FIREHOSE_BACKOFF_MAX_MS,
    deactivateAfterMs: config.FIREHOSE_DEACTIVATE_AFTER_MS,
    positionRetentionMs: config.POSITION_RETENTION_HOURS * 3_600_000,
    flushMs: config.REALTIME_FLUSH_MS,
    // The worker's flush is the coalescing window: emit at once instead of on the hub's own timer
    // (which still sends changes that come from elsewhere, such as admin edits and stream status).
    afterPublish: () => hub!.flush(),
  });
  ingests.push(ingest);
  activeTenants.add(activation.tenantId);
  await mirror?.seed(hub!, [activation.tenantId]);
}

const where = simulator ? "built-in simulator" : simulatorUrl ? `simulator at ${simulatorUrl}` : "Cisco Spaces";
if (httpServer) process.stdout.write(`Floorpulse ready on ${publicUrl} (${where}, ${config.ROLE}, started in ${Date.now() - started} ms)\n`);
else process.stdout.write(`Floorpulse worker ready (${where}, started in ${Date.now() - started} ms)\n`);

async function shutdown(reason: string) {
  if (stopping) return;
  stopping = true;
  log.info({ reason }, "shutting down");
  const force = setTimeout(() => process.exit(1), 10_000).unref();
  for (const [i, close] of closers.reverse().entries()) {
    try {
      log.debug({ step: i }, "shutdown step");
      await close();
    } catch (e) {
      log.warn({ err: (e as Error).message }, "error while shutting down");
    }
  }
  clearTimeout(force);
  process.exit(reason.startsWith("SIG") ? 0 : 1);
}

/** The activations to ingest from, activating through the documented token flow when there is none. */
async function resolveActivations(db: Db, c: Config, simUrl: string | null): Promise<ActiveActivation[]> {
  const existing = await findActiveActivations(db);
  if (simUrl) {
    const mine = existing.filter((a) => a.baseUrl === normaliseBaseUrl(simUrl));
    if (mine.length) return mine;
    // A demo activation from a simulator on another port cannot be reached any more.
    for (const a of existing) {
      if (!SPACES_REGIONS.includes(normaliseBaseUrl(a.baseUrl) as (typeof SPACES_REGIONS)[number])) await setActivationStatus(db, a.id, "deactivated", "simulator moved");
    }
    const res = await fetch(`${simUrl}/admin/tokens/activation`, { method: "POST", body: "{}" });
    const { token } = (await res.json()) as { token: string };
    return [await activateWithToken({ token, kind: "single-tenant", allowedBaseUrls: [simUrl], dashboardUrl: publicUrl ? `${publicUrl}/auth/appLogin` : undefined, db, log })];
  }
  if (c.SPACES_API_KEY && c.SPACES_BASE_URL) {
    // The getting-started path: the customer's own API key for their own account.
    const own = await ensureApiKeyActivation(db, { apiKey: c.SPACES_API_KEY, baseUrl: c.SPACES_BASE_URL, allowedBaseUrls: c.SPACES_ALLOWED_BASE_URLS ?? [...SPACES_REGIONS] });
    return [own, ...existing.filter((a) => a.id !== own.id)];
  }
  const token = c.SPACES_ACTIVATION_TOKEN;
  if (!token) return existing;
  const ref = peekActivationToken(token).activationRefId;
  const rows = await db.activation.findMany({ where: { activationRefId: ref } });
  if (rows.length) return existing.filter((a) => rows.some((r) => r.id === a.id));
  return [
    await activateWithToken({
      token,
      kind: "single-tenant",
      allowedBaseUrls: c.SPACES_ALLOWED_BASE_URLS ?? [...SPACES_REGIONS],
      dashboardUrl: publicUrl ? `${publicUrl}/auth/appLogin` : undefined,
      db,
      log,
    }),
  ];
}
