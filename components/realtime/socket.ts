"use client";
import { io, type ManagerOptions, type Socket, type SocketOptions } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/realtime/protocol";

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Shared with `npm run bench`'s clients. Retries back off to at most 5 s (jittered), so after a
 * server restart a lobby full of screens is back within seconds, spread over that window.
 */
export const SOCKET_OPTIONS: Partial<ManagerOptions & SocketOptions> = {
  path: "/socket.io",
  transports: ["websocket"],
  reconnectionDelay: 500,
  reconnectionDelayMax: 5_000,
};

let socket: AppSocket | null = null;

/** One connection per browser tab, shared by every view; reconnects forever with backoff. */
export function getSocket(): AppSocket {
  socket ??= io(SOCKET_OPTIONS);
  return socket;
}
