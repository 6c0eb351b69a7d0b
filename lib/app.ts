import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import next from "next";
import { prepareActivations } from "@/lib/activation/resolve";
import { startIngestThread, type IngestThread, type IngestThreadData, type IngestThreadEntry } from "@/lib/app-thread";
import { ingestThreaded, type Config } from "@/lib/config";
import { startNotifications } from "@/lib/notify/notifications";
import { createAlertService } from "@/lib/alerts/service";
import { createAuthContext } from "@/lib/auth/context";
import { admitSocket, authenticateSocket } from "@/lib/auth/socket";
import { limitStoreFor } from "@/lib/http/limit-store-redis";
import { CLIENT_IP_HEADER } from "@/lib/auth/principal";
import { bufferBodyWithinLimit } from "@/lib/http/body-limit";
import { startRetentionSweep } from "@/lib/privacy/retention-sweep";
import { createSupervisor, type Supervisor } from "@/lib/ingest/supervisor";
import type { Logger } from "@/lib/log";
import { startHealthRecorder } from "@/lib/health/recorder";
import type { HealthSources } from "@/lib/health/types";
import { createMetrics } from "@/lib/metrics/metrics";
import { startProbeServer } from "@/lib/metrics/probe-server";
import { instanceDetails } from "@/lib/monitoring/instance";
import { startMonitoringReporter } from "@/lib/monitoring/reporter";
import { createHub, localView, type Hub, type HubCommands, type HubView, type LocationPatch } from "@/lib/realtime/hub";
import {
  connectRedis,
  createRedisMirror,
  createRemoteView,
  publishIngestStatus,
  readIngestStatus,
} from "@/lib/realtime/redis-mirror";
import { portEmitter, serveIngestPort, type RealtimeFigures } from "@/lib/realtime/port-link";
import { attachSocketServer, localEmitter, slowClientStats, type IoServer } from "@/lib/realtime/server";
import { validKioskIds } from "@/lib/auth/kiosk-tokens";
import { validSocketSessions } from "@/lib/auth/socket-sessions";
import { setRegistry } from "@/lib/registry";
import { resolveDataKey } from "@/lib/crypto/data-key";
import { sealPlaintextKeys } from "@/lib/store/sealed-keys";
import { createDb, isPostgresUrl } from "@/lib/store/db";
import { listLocations } from "@/lib/store/locations";
import { applyMigrations } from "@/lib/store/migrate";

// The composition root as a factory: config → migrations → simulator (when no Cisco Spaces activation
// is configured) → the hub and ingest (ROLE all|worker) → Next.js and Socket.IO on one HTTP server
// (ROLE all|web). close() drains the sockets, then stops everything in reverse. ROLE=all is one process
// on SQLite with no Redis; with INGEST_THREAD (the default) its ingest half runs on a thread of its own,
// built by this same factory (`thread`), joined to the web half by a MessagePort instead of Redis.

/** The built-in Cisco Spaces simulator, passed in by the entry point (the app does not import it). */
export interface SimulatorHandle {
  url: string;
  appId: string;
  close(): Promise<void>;
}
export type StartSimulator = (o: {
  port: number;
  world?: string;
  seed?: number;
  tickMs: number;
  speed: number;
  pii: boolean;
  hierarchy: Config["SIMULATOR_HIERARCHY"];
  mapDimension: boolean;
}) => Promise<SimulatorHandle>;

export interface ApplicationOptions {
  config: Config;
  log: Logger;
  /** The project directory (Next.js and the migrations live there). */
  root: string;
  startSimulator?: StartSimulator;
  /** Something the application cannot recover from (the ingest lock was lost): the caller ends the process. */
  onFatal?: (reason: string) => void;
  /** ROLE=all with INGEST_THREAD: the ingest thread's entry point (without it, everything runs on this thread). */
  ingestThread?: IngestThreadEntry;
  /** Inside the ingest thread: the port to the web thread and what the web thread set up. */
  thread?: IngestThreadData;
}

export interface Application {
  /** The public URL, or null for a worker (no pages). */
  url: string | null;
  /** A worker's /metrics and health probes (ROLE=worker), else null. */
  probeUrl: string | null;
  /** What this process streams from: "built-in simulator", "simulator at …" or "Cisco Spaces". */
  source: string;
  close(): Promise<void>;
}

export async function createApplication(o: ApplicationOptions): Promise<Application> {
  const { config, log } = o;
  const inThread = !!o.thread;
  // The web thread of ROLE=all hands ingest to a thread of its own (Redis, when set, keeps it in one thread).
  const threaded = !inThread && ingestThreaded(config) && !!o.ingestThread;
  const serveWeb = config.ROLE !== "worker" && !inThread;
  const runIngest = config.ROLE !== "web" && !threaded;
  const drains: Array<() => void> = []; // first on close: stop accepting, tell and disconnect the sockets
  const closers: Array<() => Promise<unknown> | unknown> = []; // then these, in reverse
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    for (const drain of drains) drain();
    for (const [i, step] of closers.reverse().entries()) {
      try {
        log.debug({ step: i }, "shutdown step");
        await step();
      } catch (e) {
        log.warn({ err: (e as Error).message }, "error while shutting down");
      }
    }
  };
  let fatal = (reason: string) => (o.onFatal ? o.onFatal(reason) : void close());
  try {
    return await build();
  } catch (e) {
    await close();
    throw e;
  }

  async function build(): Promise<Application> {
    if (!inThread) await applyMigrations(o.root, config.DATABASE_URL); // the web thread did, before starting this one
    const db = createDb(config.DATABASE_URL);
    closers.push(() => db.$disconnect());
    const dataKey = resolveDataKey(config, log);
    // Keys written before sealing (or by hand) are sealed before anything reads one; none is used in plaintext.
    const sealed = inThread ? [] : await sealPlaintextKeys(db, dataKey); // the web thread did, before starting this one
    if (sealed.length) log.warn({ activations: sealed }, "API keys stored in plaintext are now sealed");

    // The simulator stands in for Cisco Spaces when no activation is configured: ours, or one already running.
    let simulator: SimulatorHandle | null = null;
    let simulatorUrl: string | null = config.SIMULATOR_URL ?? o.thread?.simulatorUrl ?? null;
    let simulatorPublicIp: string | null = null;
    const streams = runIngest || threaded;
    if (!config.SPACES_ACTIVATION_TOKEN && !config.SPACES_API_KEY && !simulatorUrl && streams && o.startSimulator) {
      const sim = await o.startSimulator({
        port: config.SIMULATOR_PORT,
        world: config.SIMULATOR_WORLD,
        seed: config.SIMULATOR_SEED,
        tickMs: config.SIMULATOR_TICK_MS,
        speed: config.SIMULATOR_SPEED,
        pii: config.SIMULATOR_PII,
        hierarchy: config.SIMULATOR_HIERARCHY,
        mapDimension: config.SIMULATOR_MAP_DIMENSION,
      });
      simulator = sim;
      simulatorUrl = sim.url;
      closers.push(() => sim.close());
      // The simulated venue's public address (Devices Lookup's remoteIP) for "You are here".
      simulatorPublicIp = await fetch(`${sim.url}/admin/world?tenant=0`)
        .then((r) => r.json() as Promise<{ publicIp?: string }>)
        .then((w) => w.publicIp ?? null)
        .catch(
          (e: unknown) => (
            log.warn({ err: (e as Error).message }, "the simulator did not tell its venue address"),
            null
          ),
        );
      log.info({ url: sim.url }, "built-in Cisco Spaces simulator started (no activation configured)");
    }

    const redis = config.REDIS_URL
      ? { pub: await connectRedis(config.REDIS_URL, log), sub: await connectRedis(config.REDIS_URL, log) }
      : null;
    if (redis) closers.push(() => Promise.all([redis.pub.quit(), redis.sub.quit()]));

    // --- web: one HTTP server for Next.js and Socket.IO ---
    let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
    let io: IoServer | null = null;
    let publicUrl = config.PUBLIC_URL ?? o.thread?.publicUrl ?? "";
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
      const httpClosed = new Promise<void>((resolve) => httpServer.once("close", () => resolve()));
      drains.push(() => httpServer.listening && httpServer.close()); // no new connections while we drain
      closers.push(() => {
        if (httpServer.listening) httpServer.close();
        httpServer.closeAllConnections();
        return httpClosed;
      });
      const port = (httpServer.address() as AddressInfo).port;
      publicUrl ||= `http://${config.HOST === "0.0.0.0" ? "127.0.0.1" : config.HOST}:${port}`;
    }

    // --- the hub: live state, coalescing and sequence numbers; it lives where ingest runs ---
    let hub: Hub | null = null;
    const mirror = redis && runIngest ? createRedisMirror(redis.pub, log) : null;
    let supervisor: Supervisor | null = null;

    // --- health and metrics: what this process runs, or (a web node) what the workers report ---
    const sharedStatus = redis && !runIngest ? readIngestStatus(redis.pub) : null;
    if (sharedStatus) closers.push(() => sharedStatus.close());
    const ingestStatus = () => supervisor?.ingests().map((i) => i.status()) ?? [];
    let thread: IngestThread | null = null; // the web thread's link to the ingest thread
    let webFigures: RealtimeFigures = { clients: 0 }; // in the ingest thread: the web thread's, as last told
    const health: HealthSources = {
      db,
      ingest: () => (sharedStatus ? sharedStatus.current() : thread ? thread.status() : ingestStatus()),
      realtime: () =>
        inThread
          ? webFigures
          : { clients: io?.engine.clientsCount ?? 0, maxBufferedBytes: slowClientStats(io).maxBufferedBytes },
    };
    // The ingest thread's figures join the web thread's at each scrape, so it reports no process figures of
    // its own (the process is one) and leaves the "now" gauges to the web thread, which reads its status.
    const metrics = inThread
      ? createMetrics({ defaultMetrics: false, thread: "ingest" })
      : createMetrics({ sources: health });
    // A worker serves no pages, yet is probed and scraped: its own small server, up while it starts.
    let probeUrl: string | null = null;
    if (config.ROLE === "worker") {
      const probes = await startProbeServer({
        port: config.WORKER_PORT ?? config.PORT,
        host: config.HOST,
        health,
        metrics,
        metricsToken: config.METRICS_TOKEN,
        log,
      });
      closers.push(() => probes.close());
      probeUrl = probes.url;
    }

    let markAuthReady: () => void = () => {};
    const authReady = new Promise<void>((resolve) => (markAuthReady = resolve));
    let view: HubView | null = null;
    let registryKiosks: { revoked(kioskId: string): void; staleAfterMs: number } | undefined;
    if (httpServer) {
      const sockets = attachSocketServer(httpServer, log, {
        view: {
          locationSnapshot: (t, s) => view!.locationSnapshot(t, s),
          floorSnapshot: (t, f) => view!.floorSnapshot(t, f),
          lineage: (id) => view!.lineage(id),
        },
        redis: redis ? { pub: redis.pub, sub: redis.sub } : undefined,
        // A socket refused by middleware is not retried by socket.io-client: sockets that reconnect while
        // this process boots wait for the auth registry instead of being turned away as unauthorized.
        authenticate: (h) => authReady.then(() => authenticateSocket(h)),
        admit: (h) => authReady.then(() => admitSocket(h)),
        eventsPerMinute: config.RATE_LIMIT_SOCKET_EVENTS_PER_MINUTE,
        onFlood: metrics.socketFlood,
        onLagging: metrics.slowClient,
        onResync: metrics.resync,
        maxBufferedBytes: config.REALTIME_MAX_BUFFERED_BYTES,
        validKiosks: (ids) => validKioskIds(db, ids),
        validSessions: (sessions) => validSocketSessions(db, sessions, Date.now()),
      });
      io = sockets.io;
      closers.push(() => sockets.close());
      drains.push(() => sockets.drain());
      registryKiosks = { revoked: (id) => sockets.endKiosk(id), staleAfterMs: config.KIOSK_STALE_AFTER_S * 1000 };
    }
    if (threaded) {
      const t = await startIngestThread({
        entry: o.ingestThread!,
        root: o.root,
        heapMb: config.INGEST_HEAP_MB,
        simulatorUrl,
        publicUrl,
        deltas: localEmitter(io!, metrics.deltaServerLatency),
        log,
        onFatal: (reason) => fatal(reason),
      });
      thread = t;
      closers.push(() => t.close()); // after the sockets drained, before they close: the last batch is written
      metrics.mergeFrom(() => t.queries.metrics());
      const figures = setInterval(() => t.realtime(health.realtime()), 1_000);
      closers.push(() => clearInterval(figures));
    }
    let markGo: () => void = () => {};
    const go = new Promise<void>((resolve) => (markGo = resolve));
    const port = inThread
      ? serveIngestPort(
          o.thread!.port,
          {
            queries: {
              locationSnapshot: (t, s) => localView(hub!).locationSnapshot(t, s),
              floorSnapshot: (t, f) => localView(hub!).floorSnapshot(t, f),
              lineage: (id) => localView(hub!).lineage(id),
              updateLocation: (id, patch) => applyLocationPatch(id, patch),
              locate: (t, d) => locate(t, d),
              metrics: () => metrics.registry.getMetricsAsJSON(),
            },
            sync: () => void supervisor?.sync(),
            go: () => markGo(),
            realtime: (f) => (webFigures = f),
            // Everything closed (the last batch written, the database closed): the web thread may go on.
            close: () =>
              void close().then(() => {
                port!.closed();
                o.thread!.port.close();
              }),
          },
          log,
        )
      : null;
    if (port) fatal = (reason) => port.fatal(reason); // the web thread shuts the process down
    if (runIngest) {
      const emitter = mirror
        ? mirror.emitter
        : port
          ? portEmitter(o.thread!.port)
          : localEmitter(io!, metrics.deltaServerLatency);
      const h = createHub(emitter, await listLocations(db), { observeLatency: metrics.broadcastLatency });
      hub = h;
      mirror?.attach(h);
      if (mirror && redis) await mirror.listen(redis.sub, (id, patch) => void applyLocationPatch(id, patch));
      const flushTimer = setInterval(() => h.flush(), 100);
      closers.push(async () => {
        clearInterval(flushTimer);
        h.flush();
        await mirror?.flushed();
      });
    }
    view = thread ? thread.queries : hub && !mirror ? localView(hub) : redis ? createRemoteView(redis.pub) : null;
    const commands: HubCommands | null = thread
      ? thread.queries
      : hub
        ? { updateLocation: applyLocationPatch }
        : (view as (HubView & HubCommands) | null);

    /** "You are here": where the ingest in this process last placed a device. */
    function locate(tenantId: string, deviceId: string) {
      return (
        supervisor
          ?.ingests()
          .find((i) => i.tenantId === tenantId)
          ?.locate(deviceId) ?? null
      );
    }

    /** An admin changed a location: the live views show it, and a zone outline changes what the engine counts. */
    function applyLocationPatch(locationId: string, patch: LocationPatch): boolean {
      const tenantId = hub?.tenantOf(locationId);
      const mine = supervisor?.ingests().filter((i) => i.tenantId === tenantId) ?? [];
      if (!hub || !tenantId || !mine.length) return false;
      if (patch.polygon !== undefined) for (const i of mine) i.setZonePolygon(locationId, patch.polygon);
      return hub.updateLocation(locationId, patch);
    }

    // A configured activation (a token, an own key) exists before the first admin (ADMIN_EMAIL) is created,
    // so that admin administers its tenant; the simulator's demo tenant comes after, leaving the admin free.
    const prepare = () => prepareActivations({ db, config, log, simulatorUrl, publicUrl, dataKey });
    const configured = runIngest && !simulatorUrl ? await prepare() : null;
    port?.phase("prepared", "");
    if (httpServer) {
      const app = next({
        dev: config.NODE_ENV !== "production",
        dir: o.root,
        hostname: config.HOST,
        port: (httpServer.address() as AddressInfo).port,
      });
      await app.prepare();
      const handle = app.getRequestHandler();
      // Rate limits shared by every web node through Redis when there is one (lib/http/limit-store-redis).
      const limits = limitStoreFor({
        redisUrl: config.REDIS_URL,
        prefix: config.RATE_LIMIT_KEY_PREFIX,
        log,
        onFallback: metrics.rateLimitFallback,
      });
      closers.push(() => limits.close());
      const auth = await createAuthContext({
        config,
        db,
        log,
        publicUrl,
        limitStore: limits.store,
        onLimited: metrics.rateLimited,
        simulator: simulatorUrl ? { url: simulatorUrl, appId: simulator?.appId ?? null } : null,
      });
      setRegistry({
        config,
        db,
        hub: commands!,
        log,
        auth,
        health,
        metrics,
        // A customer activated at /setup or through OAuth: stream it now (other nodes find it on their next poll).
        activations: thread
          ? { onActivated: () => thread!.sync(), changed: () => thread!.sync() }
          : runIngest
            ? { onActivated: () => supervisor?.sync(), changed: () => supervisor?.sync() }
            : undefined,
        kiosks: registryKiosks,
        // "You are here": where the ingest in this process last placed a device (web-only nodes have none).
        locateDevice: thread ? thread.queries.locate : runIngest ? locate : undefined,
        venuePublicIp: config.VENUE_PUBLIC_IP ?? simulatorPublicIp,
      });
      markAuthReady();
      handler = (req, res) => {
        // Route handlers see no socket: tell them the peer (demo mode, rate limits); a client's own value is overwritten.
        req.headers[CLIENT_IP_HEADER] = req.socket.remoteAddress ?? "";
        // Bodies are capped (413) before Next.js buffers anything.
        void bufferBodyWithinLimit(req, res).then((ok) => (ok ? handle(req, res) : undefined));
      };
    }

    // --- ingest: one stream per API key, each tenant routed to its own ingest ---
    const source = simulator ? "built-in simulator" : simulatorUrl ? `simulator at ${simulatorUrl}` : "Cisco Spaces";
    if (thread) await thread.go(); // resolves once the thread streams
    if (port) await go; // the web thread serves: its first admin exists
    if (runIngest) {
      const webhook =
        config.ALERT_WEBHOOK_URL && config.ALERT_WEBHOOK_SECRET
          ? { url: config.ALERT_WEBHOOK_URL, secret: config.ALERT_WEBHOOK_SECRET }
          : null;
      // Alerts and the weekly summary by e-mail, Teams and Slack, through the persisted outbox (lib/alerts/notifications).
      const notifications = startNotifications({ db, log, config, publicUrl });
      closers.push(() => notifications.close());
      const alerts = createAlertService({ db, log, webhook, onAlert: notifications.onAlert });
      closers.push(() => alerts.close());
      const sweep = startRetentionSweep({ db, log, positionRetentionMs: config.POSITION_RETENTION_HOURS * 3_600_000 });
      closers.push(() => sweep.close());
      const list = configured ?? (await prepare());
      const h = hub!;
      supervisor = createSupervisor({
        db,
        hub: h,
        log,
        metrics,
        alerts,
        list,
        lockDatabaseUrl: isPostgresUrl(config.DATABASE_URL) ? config.DATABASE_URL : null,
        pollMs: config.ACTIVATION_POLL_MS,
        stream: {
          idleMs: config.FIREHOSE_IDLE_MS,
          unauthorizedRetryMs: config.FIREHOSE_UNAUTHORIZED_RETRY_MS,
          backoffMaxMs: config.FIREHOSE_BACKOFF_MAX_MS,
          attentionAfterMs: config.FIREHOSE_ATTENTION_AFTER_MS,
        },
        positionRetentionMs: config.POSITION_RETENTION_HOURS * 3_600_000,
        flushMs: config.REALTIME_FLUSH_MS,
        // The worker's flush is the coalescing window: emit at once instead of on the hub's own timer
        // (which still sends changes that come from elsewhere, such as admin edits and stream status).
        afterPublish: () => h.flush(),
        onTenantStarted: (tenantId) => mirror?.seed(h, [tenantId]),
        onFatal: fatal,
      });
      const s = supervisor;
      closers.push(() => s.close()); // closes the streams and flushes pending writes
      await s.sync();
      // Health is recorded, and reported to Cisco Spaces, where ingest runs.
      // Only for the streams this process holds: a standby worker neither records stream health nor tells Cisco anything.
      const held = () => s.ingests().filter((i) => !i.deactivated);
      const recorder = startHealthRecorder({
        sources: health,
        log,
        onChecks: metrics.healthChecked,
        active: isPostgresUrl(config.DATABASE_URL) ? () => held().length > 0 : undefined,
      });
      const reporter = startMonitoringReporter({
        sources: health,
        log,
        metrics,
        instance: instanceDetails(config.INSTANCE_ID),
        // monitoring/status is for single-tenant and on-prem apps (Partner Ecosystem Guide, "Monitor Partner
        // App Health"); Cisco checks a multi-tenant app through its health URLs instead.
        activations: async () => held().flatMap((i) => (i.activation.kind === "oauth" ? [] : [i.activation])),
      });
      closers.push(() => recorder.close());
      closers.push(() => reporter.close()); // closers run in reverse: the last report goes out while the database answers
      if (redis) {
        const shareTimer = setInterval(
          () =>
            void publishIngestStatus(redis.pub, ingestStatus()).catch((e: unknown) =>
              log.warn({ err: (e as Error).message }, "could not share the ingest status through Redis"),
            ),
          2_000,
        );
        closers.push(() => clearInterval(shareTimer));
      }
      if (port) {
        // Health and /metrics of the web thread read this (the stream freshness rule allows a minute).
        const statusTimer = setInterval(() => port.status(ingestStatus()), 500);
        closers.push(() => clearInterval(statusTimer));
        port.status(ingestStatus());
        port.phase("ready", source);
      }
    }

    return { url: httpServer ? publicUrl : null, probeUrl, source, close };
  }
}
