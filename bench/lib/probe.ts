// What a scenario reads from the running processes over HTTP: Prometheus metrics of the server,
// the Firehose health, and the simulator's clock and world; and the RSS of the server's process tree.
import { histogramDelta, histogramQuantile, parseHistogram, parseMetrics, type Histogram } from "./prom";
import { groupRssBytes } from "./rss";

export interface ServerSample {
  at: number;
  events: number;
  cpuSeconds: number;
  /** The server process's own RSS as its /metrics reports it. */
  rssBytes: number;
  /** Every process of the server's process group (worker threads are inside the process), from /proc; 0 without a pid. */
  treeRssBytes: number;
  heapUsedBytes: number;
  /** Record read → socket write, when the server exports it. */
  serverLatency: Histogram | null;
}

export const SERVER_LATENCY = "floorpulse_delta_server_latency_seconds";

/** One read of the server's /metrics; with `pid` (its process group) also the whole tree's RSS. */
export async function sampleServer(url: string, pid?: number): Promise<ServerSample> {
  const res = await fetch(`${url}/metrics`);
  if (!res.ok) throw new Error(`/metrics: HTTP ${res.status}`);
  const text = await res.text();
  const m = parseMetrics(text);
  return {
    at: performance.now(),
    events: m.get("floorpulse_firehose_events_total") ?? 0,
    cpuSeconds: m.get("floorpulse_process_cpu_seconds_total") ?? 0,
    rssBytes: m.get("floorpulse_process_resident_memory_bytes") ?? 0,
    treeRssBytes: pid ? groupRssBytes(pid) : 0,
    heapUsedBytes: m.get("floorpulse_nodejs_heap_size_used_bytes") ?? 0,
    serverLatency: parseHistogram(text, SERVER_LATENCY),
  };
}

/** Server-side latency quantile (ms) over the window between two samples; null when the server lacks the metric. */
export function serverLatencyMs(a: ServerSample, b: ServerSample, q: number): number | null {
  if (!b.serverLatency) return null;
  const v = histogramQuantile(histogramDelta(a.serverLatency, b.serverLatency), q);
  return v === null ? null : v * 1000;
}

/** Events/s and share of one core between two samples. */
export function between(a: ServerSample, b: ServerSample) {
  const s = (b.at - a.at) / 1000;
  return { seconds: s, eventsPerS: (b.events - a.events) / s, cpuPct: ((b.cpuSeconds - a.cpuSeconds) / s) * 100 };
}

export async function lastRecordTimestamp(url: string): Promise<number | null> {
  const res = await fetch(`${url}/api/health/firehose`);
  const body = (await res.json()) as { activations?: Array<{ lastRecordTimestamp: number | null }> };
  const ts = (body.activations ?? []).map((a) => a.lastRecordTimestamp ?? 0);
  return ts.length ? Math.max(...ts) : null;
}

export async function simClock(simUrl: string): Promise<{ simNow: number; wallNow: number }> {
  return (await (await fetch(`${simUrl}/admin/clock`)).json()) as { simNow: number; wallNow: number };
}

/** Simulated minus wall time (ms), for latencies measured against simulated record timestamps. */
export async function simOffset(simUrl: string): Promise<number> {
  const c = await simClock(simUrl);
  return c.simNow - c.wallNow; // both read this machine's clock in one request
}

export interface FloorInfo {
  id: string;
  name: string;
}

/** The demo tenant's floors (Cisco location ids are the app's location ids). */
export async function floorsOf(simUrl: string): Promise<FloorInfo[]> {
  const w = (await (await fetch(`${simUrl}/admin/world?tenant=0`)).json()) as {
    locations: Array<{ locationId: string; name: string; type: string }>;
  };
  return w.locations.filter((l) => l.type === "FLOOR").map((l) => ({ id: l.locationId, name: l.name }));
}
