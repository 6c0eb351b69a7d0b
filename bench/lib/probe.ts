// What a scenario reads from the running processes over HTTP: Prometheus metrics of the server,
// the Firehose health, and the simulator's clock and world.

/** Sum of every series of each metric in a Prometheus text exposition, by metric name. */
export function parseMetrics(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const v = Number(m[2]);
    if (Number.isFinite(v)) out.set(m[1]!, (out.get(m[1]!) ?? 0) + v);
  }
  return out;
}

export interface ServerSample {
  at: number;
  events: number;
  cpuSeconds: number;
  rssBytes: number;
  heapUsedBytes: number;
}

export async function sampleServer(url: string): Promise<ServerSample> {
  const res = await fetch(`${url}/metrics`);
  if (!res.ok) throw new Error(`/metrics: HTTP ${res.status}`);
  const m = parseMetrics(await res.text());
  return {
    at: performance.now(),
    events: m.get("floorpulse_firehose_events_total") ?? 0,
    cpuSeconds: m.get("floorpulse_process_cpu_seconds_total") ?? 0,
    rssBytes: m.get("floorpulse_process_resident_memory_bytes") ?? 0,
    heapUsedBytes: m.get("floorpulse_nodejs_heap_size_used_bytes") ?? 0,
  };
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
