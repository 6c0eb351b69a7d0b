import { getHeapStatistics } from "node:v8";
import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { ComponentCheck, HealthSources, IngestSnapshot } from "@/lib/health/types";

// One Prometheus registry per process, created by server.ts and handed to the parts that count
// (worker, stream, store, hub, monitoring) as small verbs. Gauges that describe "now" (stream lag,
// socket clients) are read from the server's sources at scrape time, not pushed.

export interface Metrics {
  registry: Registry;
  /** The text /metrics serves: this registry's, with the ingest thread's counters added when there is one. */
  exposition(): Promise<string>;
  /** Another thread's metrics (its getMetricsAsJSON), added to this one's at every scrape. */
  mergeFrom(read: () => Promise<unknown[]>): void;
  /** Firehose records applied (after decode, tenant check and dedupe); n at once from a batch. */
  eventApplied(eventType: string, n?: number): void;
  /** Records dropped because their recordUid was already applied. */
  duplicate(n?: number): void;
  /** Lines skipped: json | envelope | payload | oversized (malformed), unknown_type (unknown), wrong_tenant, tenant_not_activated (a tenant with no activation here). */
  lineSkipped(reason: string, n?: number): void;
  /** The Firehose connection dropped and will be retried; `unauthorized` when Cisco refused the key. */
  reconnect(kind: "retrying" | "unauthorized"): void;
  /** Starts timing one batched store write; call the returned function when it has committed. */
  startBatchWrite(): () => void;
  /** Once per hub flush: the first chunk read since the previous ingest flush → the flush's emits ended. */
  broadcastLatency(seconds: number): void;
  /** Server-side latency of one delta written to sockets: its earliest record read off the stream → the write. */
  deltaServerLatency(seconds: number): void;
  /** One monitoring/status PUT to Cisco Spaces and how it ended. */
  monitoringReport(outcome: "ok" | "bad_request" | "unauthorized" | "server_error" | "unexpected" | "network"): void;
  /** A socket stopped reading and its deltas are being dropped; one fresh snapshot sent to it once it caught up. */
  slowClient(): void;
  resync(): void;
  /** A request or handshake refused by a rate limit (lib/http/rate-limit), by limit name. */
  rateLimited(limit: string): void;
  /** A rate-limit hit counted on this node only because Redis did not answer. */
  rateLimitFallback(): void;
  /** A socket disconnected for sending more events than its budget. */
  socketFlood(): void;
  /** The minute's health checks, as 1 (up), 0.5 (degraded) or 0 (down) per component. */
  healthChecked(checks: ComponentCheck[]): void;
}

export interface MetricsOptions {
  /** Read at scrape time for the stream lag and socket client gauges. */
  sources?: Pick<HealthSources, "ingest" | "realtime">;
  now?: () => number;
  /** Process metrics (CPU, memory, event loop lag, GC); on unless a test turns them off. */
  defaultMetrics?: boolean;
  /** Which thread's heap floorpulse_thread_heap_* describe: "main", or "ingest" on the ingest thread. */
  thread?: string;
}

const EVENT_TYPE = /^[A-Z][A-Z0-9_]{0,47}$/;
const REASON = /^[a-z][a-z0-9_]{0,31}$/;
// Label values come from the wire: anything outside the expected shape is folded into "other".
const bounded = (v: string, shape: RegExp) => (shape.test(v) ? v : "other");

type RealtimeSnapshot = ReturnType<HealthSources["realtime"]>;

export function createMetrics(o: MetricsOptions = {}): Metrics {
  const now = o.now ?? Date.now;
  const registry = new Registry();
  if (o.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: "floorpulse_" });
  const registers = [registry];
  const counter = (name: string, help: string, labelNames: string[] = []) =>
    new Counter({ name, help, labelNames, registers });
  const histogram = (name: string, help: string, buckets: number[]) =>
    new Histogram({ name, help, buckets, registers });
  // Read at scrape time: seconds since one of the ingest workers' clocks, per activation (none yet: no sample).
  const activationAge = (name: string, help: string, at: (s: IngestSnapshot) => number | null) =>
    new Gauge({
      name,
      help,
      labelNames: ["activation"],
      registers,
      collect() {
        this.reset();
        for (const s of safe(() => o.sources?.ingest()) ?? []) {
          const t = at(s);
          if (t !== null) this.set({ activation: s.activationId }, Math.max(0, (now() - t) / 1000));
        }
      },
    });
  const realtimeGauge = (name: string, help: string, read: (r: RealtimeSnapshot) => number | undefined) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        const r = safe(() => o.sources?.realtime());
        const v = r && read(r);
        if (v !== undefined) this.set(v);
      },
    });
  // Each thread has its own V8 heap and bound (HEAP_MB, INGEST_HEAP_MB): labelled, so merged figures stay apart.
  const thread = o.thread ?? "main";
  const threadHeap = (name: string, help: string, stat: "used_heap_size" | "heap_size_limit") =>
    new Gauge({
      name,
      help,
      labelNames: ["thread"],
      registers,
      collect() {
        this.set({ thread }, getHeapStatistics()[stat]);
      },
    });

  const events = counter("floorpulse_firehose_events_total", "Firehose records applied, by eventType.", ["type"]);
  const duplicates = counter(
    "floorpulse_firehose_duplicates_total",
    "Firehose records dropped as already applied (same recordUid).",
  );
  const skipped = counter(
    "floorpulse_firehose_skipped_total",
    "Firehose lines skipped, by reason: json, envelope, payload and oversized are malformed; unknown_type is an eventType we do not know; tenant_not_activated is a record of a tenant not activated here (dropped, never stored).",
    ["reason"],
  );
  const reconnects = counter(
    "floorpulse_firehose_reconnects_total",
    "Firehose connections lost and retried, by kind.",
    ["kind"],
  );
  const batchWrites = histogram(
    "floorpulse_store_batch_write_seconds",
    "Duration of one batched ingest write (rollups and checkpoint in one transaction).",
    [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  );
  const deltaServer = histogram(
    "floorpulse_delta_server_latency_seconds",
    "Seconds from reading the earliest record behind a live delta off the Firehose (its chunk's arrival) to writing that delta to this process's sockets; once per delta, reorder buffer and coalescing window included.",
    [0.001, 0.002, 0.005, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 0.5, 1],
  );
  const broadcast = histogram(
    "floorpulse_realtime_broadcast_latency_seconds",
    "Seconds from the first Firehose chunk read since the previous ingest flush to the end of the hub flush that emitted its changes (to local sockets, or to Redis on scale-out); once per flush, where ingest runs. Records held in the reorder buffer across flushes are not followed: see floorpulse_delta_server_latency_seconds.",
    [0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5],
  );
  const reports = counter(
    "floorpulse_monitoring_reports_total",
    "monitoring/status reports sent to Cisco Spaces, by outcome.",
    ["outcome"],
  );
  const health = new Gauge({
    name: "floorpulse_health_status",
    help: "Last health check per component: 1 up, 0.5 degraded, 0 down.",
    labelNames: ["component"],
    registers,
  });

  activationAge(
    "floorpulse_firehose_stream_lag_seconds",
    "Now minus the recordTimestamp of the newest event applied, per activation.",
    (s) => s.lastRecordTimestamp,
  );
  activationAge(
    "floorpulse_firehose_last_received_age_seconds",
    "Seconds since anything (keep-alives included) was read from the Firehose, per activation.",
    (s) => s.lastReceivedAt,
  );
  const slowClients = counter(
    "floorpulse_realtime_slow_clients_total",
    "Sockets that stopped reading: their deltas were dropped until they caught up.",
  );
  const resyncs = counter(
    "floorpulse_realtime_resyncs_total",
    "Fresh snapshots sent to sockets that caught up after falling behind.",
  );
  const limited = counter(
    "floorpulse_rate_limited_total",
    "Requests and socket handshakes refused with 429 by a rate limit, by limit.",
    ["limit"],
  );
  const limitFallbacks = counter(
    "floorpulse_rate_limit_fallbacks_total",
    "Rate-limit hits counted on this node only because Redis did not answer.",
  );
  const floods = counter(
    "floorpulse_realtime_socket_floods_total",
    "Sockets disconnected for sending more events than RATE_LIMIT_SOCKET_EVENTS_PER_MINUTE.",
  );
  realtimeGauge(
    "floorpulse_realtime_socket_buffer_max_bytes",
    "Largest outgoing buffer of one socket at the last check (bounded: deltas are dropped above the limit).",
    (r) => r.maxBufferedBytes,
  );
  threadHeap(
    "floorpulse_thread_heap_used_bytes",
    "V8 heap in use, per thread (main: web, or everything on one thread; ingest: the ingest thread).",
    "used_heap_size",
  );
  threadHeap(
    "floorpulse_thread_heap_limit_bytes",
    "V8 heap bound, per thread (HEAP_MB for main, INGEST_HEAP_MB for ingest, plus V8's young generation).",
    "heap_size_limit",
  );
  realtimeGauge("floorpulse_realtime_clients", "Socket.IO clients connected.", (r) => r.clients);

  let remote: (() => Promise<unknown[]>) | null = null;
  return {
    registry,
    async exposition() {
      if (!remote) return registry.metrics();
      // Counters and histograms add up; the other thread reports no process figures, so none counts twice.
      const [own, other] = await Promise.all([registry.getMetricsAsJSON(), remote().catch(() => [])]);
      return AggregatorRegistry.aggregate([own, other as typeof own]).metrics();
    },
    mergeFrom: (read) => void (remote = read),
    eventApplied: (type, n = 1) => events.inc({ type: bounded(type, EVENT_TYPE) }, n),
    duplicate: (n = 1) => duplicates.inc(n),
    lineSkipped: (reason, n = 1) => skipped.inc({ reason: bounded(reason, REASON) }, n),
    reconnect: (kind) => reconnects.inc({ kind }),
    startBatchWrite: () => batchWrites.startTimer(),
    broadcastLatency: (seconds) => observeSeconds(broadcast, seconds),
    deltaServerLatency: (seconds) => observeSeconds(deltaServer, seconds),
    monitoringReport: (outcome) => reports.inc({ outcome }),
    slowClient: () => slowClients.inc(),
    resync: () => resyncs.inc(),
    rateLimited: (limit) => limited.inc({ limit: bounded(limit, REASON) }),
    rateLimitFallback: () => limitFallbacks.inc(),
    socketFlood: () => floods.inc(),
    healthChecked: (checks) => {
      for (const c of checks)
        health.set({ component: c.component }, c.status === "up" ? 1 : c.status === "degraded" ? 0.5 : 0);
    },
  };
}

/** A latency that is not a finite, non-negative figure (a clock step, a missing mark) is not observed. */
function observeSeconds(h: Histogram, seconds: number): void {
  if (Number.isFinite(seconds) && seconds >= 0) h.observe(seconds);
}

/** A scrape must not fail because one source threw. */
function safe<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
