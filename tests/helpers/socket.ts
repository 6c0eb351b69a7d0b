import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/realtime/protocol";

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export async function connectSocket(url: string): Promise<TestSocket> {
  const s: TestSocket = io(url, { transports: ["websocket"], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    s.once("connect", () => resolve());
    s.once("connect_error", reject);
  });
  return s;
}

/** Resolves with the first value `pick` returns for an event, or rejects after `ms`. */
export function waitFor<E extends keyof ServerToClientEvents, T>(
  s: TestSocket,
  event: E,
  pick: (...args: Parameters<ServerToClientEvents[E]>) => T | undefined,
  ms = 20_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      s.off(event, handler as never);
      reject(new Error(`no matching ${String(event)} within ${ms} ms`));
    }, ms);
    const handler = (...args: Parameters<ServerToClientEvents[E]>) => {
      const v = pick(...args);
      if (v === undefined) return;
      clearTimeout(timer);
      s.off(event, handler as never);
      resolve(v);
    };
    s.on(event, handler as never);
  });
}

/** Opens a socket with these request headers: "connected", or "refused: <why>"; closes it either way. */
export async function handshake(url: string, extraHeaders: Record<string, string>): Promise<string> {
  const s: TestSocket = io(url, { transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders });
  const outcome = await new Promise<string>((resolve) => {
    s.once("connect", () => resolve("connected"));
    s.once("connect_error", (e) => resolve(`refused: ${e.message}`));
  });
  s.close();
  return outcome;
}
