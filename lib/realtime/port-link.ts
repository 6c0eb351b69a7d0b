import type { MessagePort } from "node:worker_threads";
import type { IngestSnapshot } from "@/lib/health/types";
import type { Logger } from "@/lib/log";
import type { DeviceLocation } from "@/lib/registry";
import type { Emitter, HubCommands, HubView } from "./hub";
import type { FloorDeltaMessage, LocationDelta } from "./protocol";

// ROLE=all on two threads: the ingest thread and the web thread of one process, joined by a MessagePort.
// The same split as ROLE=worker and web through Redis (redis-mirror.ts) without leaving the process: the
// ingest side owns the hub and posts each flush's deltas in one message (a port keeps their order); the
// web side emits them to its sockets and asks the ingest side for snapshots, positions and changes.

/** What the web thread asks the ingest thread; every answer is a copy (structured clone). */
export interface IngestQueries extends HubView, HubCommands {
  /** "You are here": where the ingest last placed a device. */
  locate(tenantId: string, deviceId: string): DeviceLocation | null | Promise<DeviceLocation | null>;
  /** The ingest thread's Prometheus metrics as JSON (prom-client getMetricsAsJSON), merged into /metrics. */
  metrics(): Promise<unknown[]>;
}
type Op = keyof IngestQueries;
const OPS: ReadonlySet<string> = new Set<Op>([
  "locationSnapshot",
  "floorSnapshot",
  "lineage",
  "updateLocation",
  "locate",
  "metrics",
]);

// readAt (the read clock of the earliest record behind it) crosses too: the web thread observes the
// server-side latency after its own socket write.
type Delta =
  | { kind: "location"; room: string; d: LocationDelta; readAt?: number }
  | { kind: "floor"; room: string; d: FloorDeltaMessage; readAt?: number };

/** The web thread's live figures the ingest thread's health checks read. */
export interface RealtimeFigures {
  clients: number;
  maxBufferedBytes?: number;
}

export type PortMessage =
  | { t: "deltas"; list: Delta[] }
  | { t: "status"; ingest: IngestSnapshot[] }
  | { t: "realtime"; figures: RealtimeFigures }
  | { t: "sync" }
  | { t: "go" }
  | { t: "req"; id: number; op: Op; args: unknown[] }
  | { t: "res"; id: number; value?: unknown; error?: string }
  | { t: "phase"; phase: "prepared" | "ready"; source: string }
  | { t: "fatal"; reason: string }
  | { t: "close" }
  | { t: "closed" };

const post = (port: MessagePort, m: PortMessage) => port.postMessage(m);

/** The ingest side's Emitter: a flush's deltas leave in one message when the hub commits. */
export function portEmitter(port: MessagePort): Emitter {
  let list: Delta[] = [];
  return {
    location: (room, d, readAt) => void list.push({ kind: "location", room, d, readAt }),
    floor: (room, d, readAt) => void list.push({ kind: "floor", room, d, readAt }),
    commit() {
      if (!list.length) return;
      const out = list;
      list = [];
      post(port, { t: "deltas", list: out });
    },
  };
}

export interface IngestSideHandlers {
  queries: IngestQueries;
  /** Activations changed (stored at /setup, OAuth): look again now. */
  sync(): void;
  /** The web thread is serving (its first admin exists): start streaming. */
  go(): void;
  realtime(figures: RealtimeFigures): void;
  /** The web thread is shutting down: flush, close, then answer with closed(). */
  close(): void;
}

/** The ingest side: answers the web thread's questions and tells it its phases and stream status. */
export function serveIngestPort(port: MessagePort, h: IngestSideHandlers, log: Logger) {
  port.on("message", (m: PortMessage) => {
    if (m.t === "sync") h.sync();
    else if (m.t === "go") h.go();
    else if (m.t === "realtime") h.realtime(m.figures);
    else if (m.t === "close") h.close();
    else if (m.t === "req") {
      if (!OPS.has(m.op)) return post(port, { t: "res", id: m.id, error: `unknown query ${String(m.op)}` });
      const call = h.queries[m.op] as (...a: unknown[]) => unknown;
      Promise.resolve()
        .then(() => call(...m.args))
        .then(
          (value) => post(port, { t: "res", id: m.id, value }),
          (e: unknown) => {
            log.warn({ op: m.op, err: (e as Error).message }, "an ingest-thread query failed");
            post(port, { t: "res", id: m.id, error: (e as Error).message });
          },
        );
    }
  });
  return {
    phase: (phase: "prepared" | "ready", source: string) => post(port, { t: "phase", phase, source }),
    status: (ingest: IngestSnapshot[]) => post(port, { t: "status", ingest }),
    fatal: (reason: string) => post(port, { t: "fatal", reason }),
    closed: () => post(port, { t: "closed" }),
  };
}

export interface WebSideHandlers {
  deltas: Emitter;
  phase(phase: "prepared" | "ready", source: string): void;
  fatal(reason: string): void;
  closed(): void;
}

/** A question unanswered this long fails (the ingest thread is stuck or gone) instead of hanging a request. */
export const QUERY_TIMEOUT_MS = 10_000;

/** The web side: emits the ingest thread's deltas, keeps its latest status, asks it questions. */
export function connectIngestPort(port: MessagePort, h: WebSideHandlers) {
  let status: IngestSnapshot[] = [];
  let next = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; timer: NodeJS.Timeout }>();
  port.on("message", (m: PortMessage) => {
    if (m.t === "deltas") {
      for (const x of m.list) {
        if (x.kind === "location") h.deltas.location(x.room, x.d, x.readAt);
        else h.deltas.floor(x.room, x.d, x.readAt);
      }
      h.deltas.commit?.();
    } else if (m.t === "status") status = m.ingest;
    else if (m.t === "res") {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.error !== undefined) p.reject(new Error(m.error));
      else p.resolve(m.value);
    } else if (m.t === "phase") h.phase(m.phase, m.source);
    else if (m.t === "fatal") h.fatal(m.reason);
    else if (m.t === "closed") h.closed();
  });
  const ask =
    <K extends Op>(op: K) =>
    (...args: Parameters<IngestQueries[K]>) =>
      new Promise<Awaited<ReturnType<IngestQueries[K]>>>((resolve, reject) => {
        const id = next++;
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`the ingest thread did not answer ${op} within ${QUERY_TIMEOUT_MS / 1000} s`));
        }, QUERY_TIMEOUT_MS);
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
        post(port, { t: "req", id, op, args });
      });
  const queries: { [K in Op]: (...a: Parameters<IngestQueries[K]>) => Promise<Awaited<ReturnType<IngestQueries[K]>>> } =
    {
      locationSnapshot: ask("locationSnapshot"),
      floorSnapshot: ask("floorSnapshot"),
      lineage: ask("lineage"),
      updateLocation: ask("updateLocation"),
      locate: ask("locate"),
      metrics: ask("metrics"),
    };
  return {
    queries,
    /** The ingest thread's stream status as last reported (health, /metrics). */
    status: () => status,
    sync: () => post(port, { t: "sync" }),
    go: () => post(port, { t: "go" }),
    realtime: (figures: RealtimeFigures) => post(port, { t: "realtime", figures }),
    close: () => post(port, { t: "close" }),
    /** The thread is gone: every open question fails now. */
    abandon(reason: string) {
      for (const [id, p] of pending) {
        clearTimeout(p.timer);
        pending.delete(id);
        p.reject(new Error(reason));
      }
    },
  };
}
