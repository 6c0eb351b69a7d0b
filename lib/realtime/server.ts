import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { Server, type Socket } from "socket.io";
import { lineageInScope } from "@/lib/auth/scope";
import type { Logger } from "@/lib/log";
import { readClock } from "@/lib/time/read-clock";
import { floorRoom, locationRoom, type Emitter, type HubView } from "./hub";
import type { ClientToServerEvents, Principal, ServerToClientEvents, WatchError } from "./protocol";
import { createEventBudget } from "./event-budget";
import { createSlowClientGuard, type SlowClientGuard } from "./slow-clients";

export type Authenticate = (handshake: {
  headers: Record<string, string | string[] | undefined>;
  auth: Record<string, unknown>;
  address: string;
}) => Promise<Principal | null>;

export type IoServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { principal: Principal }
>;
type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { principal: Principal }>;

export type Admit = (handshake: {
  headers: Record<string, string | string[] | undefined>;
  address: string;
}) => Promise<{ ok: true } | { ok: false; retryAfterSec: number }>;

export interface SocketServerOptions {
  authenticate: Authenticate;
  /** Before authentication: whether this address may open another socket now (handshakes per address). */
  admit?: Admit;
  /** Events one socket may send per minute (a burst of this many); past it the socket is told and disconnected. */
  eventsPerMinute?: number;
  /** A socket was disconnected for flooding (a metric). */
  onFlood?(): void;
  view: HubView;
  /** Redis clients for the Socket.IO adapter, so rooms span every web node. */
  redis?: { pub: unknown; sub: unknown };
  /** A socket over the buffer bound started dropping deltas / got its fresh snapshots (metrics). */
  onLagging?(): void;
  onResync?(): void;
  /** Outgoing bytes queued for one socket before its deltas are dropped (default 512 KiB). */
  maxBufferedBytes?: number;
  /** Of these kiosk link ids, the ones still valid; kiosk sockets of the others are ended. */
  validKiosks?: (ids: string[]) => Promise<Set<string>>;
  /** For each of these, whether its session is still valid with the same role and tenant; sockets of the others are ended. */
  validSessions?: (sessions: Array<{ sessionId: string; role: string; tenantId: string }>) => Promise<boolean[]>;
  /** How often kiosk and session sockets are checked (default 5 s: a revoked display or ended session knows within 10 s). */
  kioskSweepMs?: number;
}

export interface SocketServer {
  io: IoServer;
  /** Ends this node's sockets of one kiosk link now, telling the display why. */
  endKiosk(kioskId: string): void;
  /**
   * Shutdown, first step: every socket is told and its connection closed. A transport closed under it (not a
   * server "disconnect") makes socket.io-client reconnect by itself, to another node or after the restart.
   */
  drain(): void;
  close(): Promise<void>;
}

/** A watch that could not be answered is asked again after this long (the browser waits, then retries). */
const WATCH_RETRY_MS = 3_000;

const guards = new WeakMap<object, SlowClientGuard>();
/** Slow-client figures of a socket server, for health and metrics. */
export function slowClientStats(io: IoServer | null) {
  return (io && guards.get(io)?.stats()) || { lagging: 0, laggedTotal: 0, resyncsTotal: 0, maxBufferedBytes: 0 };
}

/** Socket.IO on the app's HTTP server: every socket is authenticated and sees only its tenant and scope. */
export function attachSocketServer(httpServer: HttpServer, log: Logger, o: SocketServerOptions): SocketServer {
  const io: IoServer = new Server(httpServer, {
    path: "/socket.io",
    perMessageDeflate: false, // compression collapses throughput at our message rates
    serveClient: false,
    maxHttpBufferSize: 16 * 1024, // clients only send small commands
    ...(o.redis ? { adapter: createAdapter(o.redis.pub, o.redis.sub) } : {}),
  });

  const guard = createSlowClientGuard({
    log,
    maxBufferedBytes: o.maxBufferedBytes,
    onLagging: o.onLagging,
    onResync: o.onResync,
    sockets: () => io.of("/").sockets.values(),
  });
  guards.set(io, guard);

  io.use((socket, next) => {
    const admit = o.admit ?? (async () => ({ ok: true as const }));
    admit({ headers: socket.handshake.headers, address: socket.handshake.address })
      .then((a) => {
        if (a.ok) return next();
        // socket.io-client shows this as connect_error with err.data.
        next(Object.assign(new Error("rate limited"), { data: { retryAfterSec: a.retryAfterSec } }));
      })
      .catch(() => next(new Error("unavailable")));
  });
  io.use((socket, next) => {
    o.authenticate({
      headers: socket.handshake.headers,
      auth: socket.handshake.auth as Record<string, unknown>,
      address: socket.handshake.address,
    })
      .then((principal) => {
        if (!principal) return next(new Error("unauthorized"));
        socket.data.principal = principal;
        next();
      })
      .catch(() => next(new Error("unauthorized")));
  });

  // The one tenant and scope guard, on the live hierarchy: another tenant's location looks like none.
  const allowed = async (p: Principal, locationId: string | null) => {
    if (locationId === null) return p.scopeLocationId === null;
    return lineageInScope(p, await o.view.lineage(locationId));
  };
  const validId = (v: unknown): v is string => typeof v === "string" && v.length > 0 && v.length <= 200;
  // Every watch is answered: a view that cannot be read now (the ingest thread busy past its query
  // timeout, a database error) says so, and the browser shows it, instead of waiting for ever.
  const answer = <T>(event: string, ack: (r: T | WatchError) => void, read: () => Promise<T | WatchError>) => {
    read().then(ack, (e: unknown) => {
      log.warn({ event, err: (e as Error).message }, "a watch could not be answered");
      ack({ error: "the server did not answer in time; trying again", retryAfterMs: WATCH_RETRY_MS });
    });
  };

  // Join first, then read: a delta racing the read shows up as a gap and the client resyncs. A socket
  // that fell behind is sent the view again through `send`; a location with no view is left at once.
  const watchRoom = async <S>(
    socket: AppSocket,
    locationId: string | null,
    room: string,
    view: { read: () => Promise<S | null>; send: (snap: S) => void },
  ): Promise<S | WatchError> => {
    if (!(await allowed(socket.data.principal, locationId))) return { error: "unknown location" };
    await guard.join(socket, room, async () => {
      const snap = await view.read();
      if (snap) view.send(snap);
    });
    const snap = await view.read();
    if (snap) return snap;
    guard.leave(socket, room);
    return { error: "unknown location" };
  };

  io.on("connection", (socket: AppSocket) => {
    const p = socket.data.principal;
    socket.on("disconnect", () => guard.forget(socket));
    const budget = createEventBudget(o.eventsPerMinute ?? 240);
    socket.use((_event, next) => {
      if (budget.take()) return next();
      if (!socket.connected) return;
      log.warn({ role: p.role, tenantId: p.tenantId }, "socket sent too many events: disconnecting it");
      o.onFlood?.();
      socket.emit("rate:limited", { retryAfterSec: 60 });
      socket.disconnect(true);
    });
    socket.on("location:watch", (scope, ack) => {
      if (typeof ack !== "function") return;
      if (scope !== null && !validId(scope)) return ack({ error: "invalid location id" });
      answer("location:watch", ack, () =>
        watchRoom(socket, scope, locationRoom(p.tenantId, scope), {
          read: () => o.view.locationSnapshot(p.tenantId, scope),
          send: (snap) => socket.emit("location:snapshot", snap),
        }),
      );
    });
    socket.on("location:unwatch", (scope) => {
      if (scope === null || validId(scope)) guard.leave(socket, locationRoom(p.tenantId, scope));
    });
    socket.on("floor:watch", (floorId, ack) => {
      if (typeof ack !== "function") return;
      if (!validId(floorId)) return ack({ error: "invalid location id" });
      answer("floor:watch", ack, () =>
        watchRoom(socket, floorId, floorRoom(p.tenantId, floorId), {
          read: () => o.view.floorSnapshot(p.tenantId, floorId),
          send: (snap) => socket.emit("floor:snapshot", snap),
        }),
      );
    });
    socket.on("floor:unwatch", (floorId) => {
      if (validId(floorId)) guard.leave(socket, floorRoom(p.tenantId, floorId));
    });
  });
  // Revoked links: checked against the database on every node, so it also works when the link was
  // revoked from the CLI or on another web node; the admin route ends them at once on its own node.
  const endKiosk = (kioskId: string) => {
    for (const s of io.of("/").sockets.values()) {
      if (s.data.principal?.kioskId !== kioskId) continue;
      s.emit("kiosk:revoked");
      s.disconnect(true);
    }
  };
  // Only the sockets opened as what the session no longer is: a browser that reconnected as a viewer stays.
  const endSession = (e: { sessionId: string; role: string; tenantId: string }) => {
    for (const s of io.of("/").sockets.values()) {
      const p = s.data.principal;
      if (p?.sessionId !== e.sessionId || p.role !== e.role || p.tenantId !== e.tenantId) continue;
      s.emit("session:ended");
      s.disconnect(true);
    }
  };
  let sweeping = false;
  const sweepKiosks = async () => {
    if (!o.validKiosks) return;
    const ids = new Set<string>();
    for (const s of io.of("/").sockets.values()) if (s.data.principal?.kioskId) ids.add(s.data.principal.kioskId);
    if (!ids.size) return;
    const valid = await o.validKiosks([...ids]);
    for (const id of ids) {
      if (valid.has(id)) continue;
      log.info({ kioskId: id }, "kiosk link revoked: ending its displays");
      endKiosk(id);
    }
  };
  const sweepSessions = async () => {
    if (!o.validSessions) return;
    const seen = new Map<string, { sessionId: string; role: string; tenantId: string }>();
    for (const s of io.of("/").sockets.values()) {
      const p = s.data.principal;
      if (p?.sessionId)
        seen.set(`${p.sessionId}|${p.role}|${p.tenantId}`, {
          sessionId: p.sessionId,
          role: p.role,
          tenantId: p.tenantId,
        });
    }
    if (!seen.size) return;
    // One answer per (session, role, tenant): the same session may hold sockets from before and after a change.
    const entries = [...seen.values()];
    const valid = await o.validSessions(entries);
    entries.forEach((s, i) => {
      if (valid[i]) return;
      log.info({ role: s.role }, "session ended or changed: ending its sockets");
      endSession(s);
    });
  };
  const sweep = async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      await sweepKiosks();
      await sweepSessions();
    } catch (e) {
      log.warn({ err: (e as Error).message }, "socket link/session check failed; trying again");
    } finally {
      sweeping = false;
    }
  };
  const timer = o.validKiosks || o.validSessions ? setInterval(() => void sweep(), o.kioskSweepMs ?? 5_000) : null;
  timer?.unref();
  log.debug("socket server attached");
  return {
    io,
    endKiosk,
    drain() {
      io.emit("server:closing");
      for (const s of io.sockets.sockets.values()) s.conn.close();
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (timer) clearInterval(timer);
        guard.stop();
        io.close(() => resolve());
      }),
  };
}

/** Emits hub deltas to this process's Socket.IO server. */
/**
 * The hub's deltas written to this process's sockets. `observe` gets the server-side latency of each
 * delta that records are behind: seconds from reading the earliest of them off the stream to the write.
 */
export function localEmitter(io: IoServer, observe?: (seconds: number) => void): Emitter {
  // A room nobody here watches writes nothing: no latency to observe.
  const written = (room: string, readAt: number | undefined) => {
    if (readAt !== undefined && observe && io.sockets.adapter.rooms.get(room)?.size)
      observe((readClock() - readAt) / 1000);
  };
  return {
    location: (room, d, readAt) => {
      io.to(room).emit("location:delta", d);
      written(room, readAt);
    },
    floor: (room, d, readAt) => {
      io.to(room).emit("floor:delta", d);
      written(room, readAt);
    },
  };
}
