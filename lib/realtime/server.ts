import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { Server, type Socket } from "socket.io";
import type { Logger } from "@/lib/log";
import { floorRoom, locationRoom, type Emitter, type HubView } from "./hub";
import type { ClientToServerEvents, Principal, ServerToClientEvents } from "./protocol";

export type Authenticate = (handshake: {
  headers: Record<string, string | string[] | undefined>;
  auth: Record<string, unknown>;
  address: string;
}) => Promise<Principal | null>;

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { principal: Principal }>;
type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { principal: Principal }>;

export interface SocketServerOptions {
  authenticate: Authenticate;
  view: HubView;
  /** Redis clients for the Socket.IO adapter, so rooms span every web node. */
  redis?: { pub: unknown; sub: unknown };
}

/** Socket.IO on the app's HTTP server: every socket is authenticated and sees only its tenant and scope. */
export function attachSocketServer(httpServer: HttpServer, log: Logger, o: SocketServerOptions): IoServer {
  const io: IoServer = new Server(httpServer, {
    path: "/socket.io",
    perMessageDeflate: false, // compression collapses throughput at our message rates
    serveClient: false,
    maxHttpBufferSize: 16 * 1024, // clients only send small commands
    ...(o.redis ? { adapter: createAdapter(o.redis.pub, o.redis.sub) } : {}),
  });

  io.use((socket, next) => {
    o.authenticate({ headers: socket.handshake.headers, auth: socket.handshake.auth as Record<string, unknown>, address: socket.handshake.address })
      .then((principal) => {
        if (!principal) return next(new Error("unauthorized"));
        socket.data.principal = principal;
        next();
      })
      .catch(() => next(new Error("unauthorized")));
  });

  // Everyone sees their own tenant; a kiosk only its subtree. Another tenant's location looks like none.
  const allowed = async (p: Principal, locationId: string | null) => {
    if (locationId === null) return p.scopeLocationId === null;
    const line = await o.view.lineage(locationId);
    return !!line && line.tenantId === p.tenantId && (p.scopeLocationId === null || line.ancestors.includes(p.scopeLocationId));
  };
  const validId = (v: unknown): v is string => typeof v === "string" && v.length > 0 && v.length <= 200;

  io.on("connection", (socket: AppSocket) => {
    const p = socket.data.principal;
    socket.on("location:watch", async (scope, ack) => {
      if (typeof ack !== "function") return;
      if (scope !== null && !validId(scope)) return ack({ error: "invalid location id" });
      // Join first, then read: a delta racing the read shows up as a gap and the client resyncs.
      const room = locationRoom(p.tenantId, scope);
      if (!(await allowed(p, scope))) return ack({ error: "unknown location" });
      await socket.join(room);
      const snap = await o.view.locationSnapshot(p.tenantId, scope);
      if (!snap) {
        await socket.leave(room);
        return ack({ error: "unknown location" });
      }
      ack(snap);
    });
    socket.on("location:unwatch", (scope) => {
      if (scope === null || validId(scope)) void socket.leave(locationRoom(p.tenantId, scope));
    });
    socket.on("floor:watch", async (floorId, ack) => {
      if (typeof ack !== "function") return;
      if (!validId(floorId)) return ack({ error: "invalid location id" });
      if (!(await allowed(p, floorId))) return ack({ error: "unknown location" });
      const room = floorRoom(p.tenantId, floorId);
      await socket.join(room);
      const snap = await o.view.floorSnapshot(p.tenantId, floorId);
      if (!snap) {
        await socket.leave(room);
        return ack({ error: "unknown location" });
      }
      ack(snap);
    });
    socket.on("floor:unwatch", (floorId) => {
      if (validId(floorId)) void socket.leave(floorRoom(p.tenantId, floorId));
    });
  });
  log.debug("socket server attached");
  return io;
}

/** Emits hub deltas to this process's Socket.IO server. */
export function localEmitter(io: IoServer): Emitter {
  return {
    location: (room, d) => io.to(room).emit("location:delta", d),
    floor: (room, d) => io.to(room).emit("floor:delta", d),
  };
}
