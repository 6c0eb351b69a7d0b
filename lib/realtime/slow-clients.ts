import type { Logger } from "@/lib/log";

// A browser that stops reading (a frozen tab, a dead Wi-Fi link the kernel has not noticed yet) must
// not make the server queue deltas for it without bound. Every check, each socket's outgoing buffer
// (Engine.IO's write queue plus the WebSocket's unsent bytes) is measured; over the bound, the socket
// leaves its rooms, so broadcasts skip it (whatever adapter delivers them). Once it has drained, it
// rejoins them and gets a fresh snapshot of each: nothing it missed matters, because a snapshot
// replaces its view.

/** A socket with more than this queued for it is lagging: deltas for it are dropped. */
export const MAX_BUFFERED_BYTES = 512 * 1024;
/** How often sockets are measured (about as often as the hub flushes). */
export const CHECK_MS = 100;

/** What the guard needs of a Socket.IO socket (kept structural so tests can hand in their own). */
export interface GuardedSocket {
  id: string;
  rooms: Set<string>;
  join(room: string): unknown;
  leave(room: string): unknown;
  conn: unknown;
}

/** Sends a socket a fresh snapshot of one room it watches. */
export type Resync = () => Promise<void>;

export interface SlowClientGuard {
  /** The socket watches a room: join it now, or (lagging) when it has caught up. */
  join(socket: GuardedSocket, room: string, resync: Resync): Promise<void> | void;
  leave(socket: GuardedSocket, room: string): void;
  forget(socket: GuardedSocket): void;
  /** Measures every socket once (the timer calls this every CHECK_MS). */
  check(sockets: Iterable<GuardedSocket>): void;
  stats(): { lagging: number; laggedTotal: number; resyncsTotal: number; maxBufferedBytes: number };
  stop(): void;
}

/** Bytes queued for a socket and not yet handed to the kernel. */
export function bufferedBytes(socket: GuardedSocket): number {
  const conn = socket.conn as {
    writeBuffer?: Array<{ data?: unknown }>;
    transport?: { socket?: { bufferedAmount?: number } };
  };
  let n = 0;
  for (const p of conn.writeBuffer ?? []) {
    if (typeof p.data === "string") n += p.data.length;
    else if (p.data && typeof (p.data as ArrayBufferView).byteLength === "number")
      n += (p.data as ArrayBufferView).byteLength;
  }
  return n + (conn.transport?.socket?.bufferedAmount ?? 0);
}

export function createSlowClientGuard(o: {
  log: Logger;
  maxBufferedBytes?: number;
  onLagging?(): void;
  onResync?(): void;
  /** Where the sockets come from for the periodic check; omit to call check() yourself. */
  sockets?: () => Iterable<GuardedSocket>;
  checkMs?: number;
}): SlowClientGuard {
  const max = o.maxBufferedBytes ?? MAX_BUFFERED_BYTES;
  const lowWater = max / 4;
  const watched = new Map<string, Map<string, Resync>>(); // socket id -> room -> resync
  const lagging = new Map<string, { since: number; peak: number }>();
  let laggedTotal = 0;
  let resyncsTotal = 0;
  let maxBufferedBytes = 0;

  const roomsOf = (s: GuardedSocket) => {
    let m = watched.get(s.id);
    if (!m) watched.set(s.id, (m = new Map()));
    return m;
  };

  const catchUp = (s: GuardedSocket, bytes: number) => {
    const lag = lagging.get(s.id)!;
    lagging.delete(s.id);
    const rooms = watched.get(s.id) ?? new Map<string, Resync>();
    o.log.info(
      {
        socket: s.id,
        afterMs: Date.now() - lag.since,
        peakBufferedBytes: lag.peak,
        bufferedBytes: bytes,
        rooms: rooms.size,
      },
      "slow socket caught up: sending it fresh snapshots",
    );
    for (const [room, resync] of rooms) {
      void s.join(room);
      resyncsTotal++;
      o.onResync?.();
      resync().catch((e: unknown) => o.log.warn({ socket: s.id, err: (e as Error).message }, "resync snapshot failed"));
    }
  };

  const guard: SlowClientGuard = {
    join(s, room, resync) {
      roomsOf(s).set(room, resync);
      if (!lagging.has(s.id)) return s.join(room) as Promise<void> | void;
    },
    leave(s, room) {
      watched.get(s.id)?.delete(room);
      void s.leave(room);
    },
    forget(s) {
      watched.delete(s.id);
      lagging.delete(s.id);
    },
    check(sockets) {
      let peak = 0;
      for (const s of sockets) {
        const bytes = bufferedBytes(s);
        if (bytes > peak) peak = bytes;
        const lag = lagging.get(s.id);
        if (lag) {
          if (bytes > lag.peak) lag.peak = bytes;
          if (bytes <= lowWater) catchUp(s, bytes);
          continue;
        }
        if (bytes <= max) continue;
        lagging.set(s.id, { since: Date.now(), peak: bytes });
        laggedTotal++;
        o.onLagging?.();
        for (const room of watched.get(s.id)?.keys() ?? []) void s.leave(room);
        o.log.warn(
          { socket: s.id, bufferedBytes: bytes, maxBufferedBytes: max },
          "socket is not reading: dropping its deltas until it catches up, then it gets fresh snapshots",
        );
      }
      maxBufferedBytes = peak;
    },
    stats: () => ({ lagging: lagging.size, laggedTotal, resyncsTotal, maxBufferedBytes }),
    stop: () => clearInterval(timer),
  };
  const timer = o.sockets ? setInterval(() => guard.check(o.sockets!()), o.checkMs ?? CHECK_MS) : undefined;
  timer?.unref();
  return guard;
}
