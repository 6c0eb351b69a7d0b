"use client";
import type { ClientToServerEvents, ServerToClientEvents, WatchError } from "@/lib/realtime/protocol";
import type { AppSocket } from "./socket";

type Feed = "floor" | "location";
type Snapshot<F extends Feed> = Parameters<ServerToClientEvents[`${F}:snapshot`]>[0];
type Delta<F extends Feed> = Parameters<ServerToClientEvents[`${F}:delta`]>[0];
type Key<F extends Feed> = Parameters<ClientToServerEvents[`${F}:watch`]>[0];

/** What a watch hands its hook: the snapshot that replaces everything, each delta after it, or why there is none. */
export interface FeedHandlers<F extends Feed> {
  snapshot(snap: Snapshot<F>): void;
  delta(d: Delta<F>): void;
  error(message: string): void;
}

/**
 * Watches one feed on the socket (a floor's devices, a location's counts): a snapshot on every
 * connect, then numbered deltas. A gap, or a snapshot the server pushes because this socket fell
 * behind, starts again from a snapshot; a watch the server cannot answer yet is asked again after its
 * `retryAfterMs`. `mine` picks this watch's messages from the socket's. Returns what stops the watch.
 */
export function watchFeed<F extends Feed>(
  s: AppSocket,
  feed: F,
  key: Key<F>,
  mine: (m: Snapshot<F> | Delta<F>) => boolean,
  on: FeedHandlers<F>,
): () => void {
  // socket.io's typed emitter cannot follow an event name built from `feed`: the types above do.
  const socket = s as unknown as {
    on(event: string, listener: (...args: never[]) => void): void;
    off(event: string, listener: (...args: never[]) => void): void;
    emit(event: string, ...args: unknown[]): void;
  };
  let seq = -1;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const onSnapshot = (snap: Snapshot<F> | WatchError) => {
    if ("error" in snap) {
      if (snap.retryAfterMs) retry = setTimeout(watch, snap.retryAfterMs);
      return on.error(snap.error);
    }
    seq = snap.seq;
    on.snapshot(snap);
  };
  const watch = () => socket.emit(`${feed}:watch`, key, onSnapshot);
  // Pushed after this socket fell behind and its deltas were dropped: a full replacement.
  const onPushedSnapshot = (snap: Snapshot<F>) => {
    if (mine(snap)) onSnapshot(snap);
  };
  const onDelta = (d: Delta<F>) => {
    if (!mine(d) || seq < 0) return;
    if (d.seq !== seq + 1) return watch(); // missed something: start again from a snapshot
    seq = d.seq;
    on.delta(d);
  };
  const listeners = [
    [`${feed}:delta`, onDelta],
    [`${feed}:snapshot`, onPushedSnapshot],
    ["connect", watch],
  ] as const;
  for (const [event, listener] of listeners) socket.on(event, listener);
  if (s.connected) watch();
  return () => {
    clearTimeout(retry);
    for (const [event, listener] of listeners) socket.off(event, listener);
    socket.emit(`${feed}:unwatch`, key);
  };
}
