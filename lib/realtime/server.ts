import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import type { Logger } from "@/lib/log";
import { createHub, type Hub } from "./hub";
import type { ClientToServerEvents, LocationView, ServerToClientEvents } from "./protocol";

export interface Realtime {
  hub: Hub;
  io: Server<ClientToServerEvents, ServerToClientEvents>;
  close(): Promise<void>;
}

const FLOOR_ROOM = (id: string) => `floor:${id}`;

/** Socket.IO on the app's HTTP server; deltas go out at most every `flushMs`. */
export function attachRealtime(httpServer: HttpServer, log: Logger, initial: LocationView[], flushMs = 100): Realtime {
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
    path: "/socket.io",
    perMessageDeflate: false, // compression collapses throughput at our message rates
    serveClient: false,
  });
  const hub = createHub(
    {
      overview: (d) => io.to("overview").emit("overview:delta", d),
      floor: (floorId, d) => io.to(FLOOR_ROOM(floorId)).emit("floor:delta", d),
    },
    initial,
  );
  const timer = setInterval(() => hub.flush(), flushMs);

  io.on("connection", (socket) => {
    socket.on("overview:watch", (ack) => {
      if (typeof ack !== "function") return;
      void socket.join("overview");
      ack(hub.overviewSnapshot());
    });
    socket.on("floor:watch", (floorId, ack) => {
      if (typeof ack !== "function") return;
      if (typeof floorId !== "string" || floorId.length > 200) return ack({ error: "invalid floor id" });
      const snap = hub.floorSnapshot(floorId);
      if (!snap) return ack({ error: "unknown location" });
      void socket.join(FLOOR_ROOM(floorId));
      ack(snap);
    });
    socket.on("floor:unwatch", (floorId) => {
      if (typeof floorId === "string") void socket.leave(FLOOR_ROOM(floorId));
    });
  });
  log.debug("realtime attached");

  return {
    hub,
    io,
    async close() {
      clearInterval(timer);
      hub.flush();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
