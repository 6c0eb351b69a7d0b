import { describe, expect, it } from "vitest";
import { metricsAuthorized } from "@/lib/metrics/auth";
import { createMetrics } from "@/lib/metrics/metrics";

// A strict parser of the Prometheus text exposition format 0.0.4: every sample must belong to a
// family declared by # TYPE, label values must be well escaped, and histograms must be cumulative
// and end in le="+Inf" equal to their _count.

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
interface Family {
  name: string;
  type: string;
  help: string;
  samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const SUFFIXES: Record<string, string[]> = {
  counter: [""],
  gauge: [""],
  untyped: [""],
  histogram: ["_bucket", "_sum", "_count"],
  summary: ["", "_sum", "_count"],
};

// Prometheus reads values with Go's strconv.ParseFloat, which matches NaN and Inf ignoring case
// (prom-client writes "Nan" for an event loop lag not measured yet).
function parseValue(v: string): number {
  if (/^\+?inf$/i.test(v)) return Infinity;
  if (/^-inf$/i.test(v)) return -Infinity;
  if (/^nan$/i.test(v)) return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v)) throw new Error(`bad value ${v}`);
  return Number(v);
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    const m = /^([a-zA-Z_][a-zA-Z0-9_]*)="/.exec(text.slice(i));
    if (!m) throw new Error(`bad label at ${text.slice(i)}`);
    i += m[0].length;
    let value = "";
    for (;;) {
      const c = text[i++];
      if (c === undefined) throw new Error("unterminated label value");
      if (c === '"') break;
      if (c === "\\") {
        const e = text[i++];
        if (e === "n") value += "\n";
        else if (e === "\\" || e === '"') value += e;
        else throw new Error(`bad escape \\${e}`);
      } else value += c;
    }
    if (m[1]! in labels) throw new Error(`duplicate label ${m[1]}`);
    labels[m[1]!] = value;
    if (text[i] === ",") i++;
    else if (i !== text.length) throw new Error(`expected , at ${text.slice(i)}`);
  }
  return labels;
}

function parseExposition(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  if (!text.endsWith("\n")) throw new Error("exposition must end with a newline");
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
    if (meta) {
      const [, kind, name, rest] = meta;
      if (!NAME.test(name!)) throw new Error(`bad metric name ${name}`);
      const f = families.get(name!) ?? { name: name!, type: "untyped", help: "", samples: [] };
      if (kind === "TYPE") {
        if (!(rest! in SUFFIXES)) throw new Error(`bad type ${rest}`);
        if (f.samples.length) throw new Error(`TYPE after samples for ${name}`);
        f.type = rest!;
      } else f.help = rest!;
      families.set(name!, f);
      continue;
    }
    if (line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: (-?\d+))?$/.exec(line);
    if (!m) throw new Error(`bad sample line: ${line}`);
    const [, name, labelText, value] = m;
    const family = [...families.values()].find((f) => SUFFIXES[f.type]!.some((s) => f.name + s === name));
    if (!family) throw new Error(`sample ${name} has no # TYPE`);
    family.samples.push({ name: name!, labels: labelText ? parseLabels(labelText) : {}, value: parseValue(value!) });
  }
  for (const f of families.values()) {
    if (f.type !== "histogram") continue;
    const series = new Map<string, Sample[]>();
    for (const s of f.samples.filter((x) => x.name.endsWith("_bucket"))) {
      const { le, ...rest } = s.labels;
      if (le === undefined) throw new Error(`${f.name} bucket without le`);
      const key = JSON.stringify(rest);
      series.set(key, [...(series.get(key) ?? []), s]);
    }
    for (const [key, buckets] of series) {
      for (let i = 1; i < buckets.length; i++)
        if (buckets[i]!.value < buckets[i - 1]!.value) throw new Error(`${f.name} buckets not cumulative`);
      const inf = buckets.at(-1)!;
      if (inf.labels.le !== "+Inf") throw new Error(`${f.name} does not end in +Inf`);
      const count = f.samples.find((s) => s.name === `${f.name}_count` && JSON.stringify(s.labels) === key);
      if (count?.value !== inf.value) throw new Error(`${f.name}_count differs from the +Inf bucket`);
    }
  }
  return families;
}

const value = (fams: Map<string, Family>, name: string, labels: Record<string, string> = {}) =>
  [...fams.values()]
    .flatMap((f) => f.samples)
    .find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

describe("GET /metrics exposition", () => {
  it("parses as Prometheus text and counts what ingest, the hub and the store report", async () => {
    const now = 1_800_000_000_000;
    const m = createMetrics({
      now: () => now,
      sources: {
        ingest: () => [
          { activationId: "act-1", state: "connected", lastReceivedAt: now - 4_000, lastRecordTimestamp: now - 2_500 },
        ],
        realtime: () => ({ clients: 3 }),
      },
    });
    m.eventApplied("DEVICE_LOCATION_UPDATE");
    m.eventApplied("DEVICE_LOCATION_UPDATE");
    m.eventApplied("KEEP_ALIVE");
    m.duplicate();
    m.lineSkipped("json");
    m.lineSkipped("unknown_type");
    m.reconnect("retrying");
    m.startBatchWrite()();
    m.broadcastLatency(0.04);
    m.broadcastLatency(0.3);
    m.deltaServerLatency(0.004);
    m.deltaServerLatency(0.012);
    m.deltaServerLatency(-1); // a clock step back is not a latency
    m.monitoringReport("unauthorized");
    m.healthChecked([{ component: "stream", status: "degraded", detail: null }]);

    const fams = parseExposition(await m.registry.metrics());
    expect(fams.get("floorpulse_firehose_events_total")?.type).toBe("counter");
    expect(fams.get("floorpulse_store_batch_write_seconds")?.type).toBe("histogram");
    const counted: Array<[name: string, labels: Record<string, string>, value: number]> = [
      ["floorpulse_firehose_duplicates_total", {}, 1],
      ["floorpulse_firehose_events_total", { type: "DEVICE_LOCATION_UPDATE" }, 2],
      ["floorpulse_firehose_skipped_total", { reason: "json" }, 1],
      ["floorpulse_firehose_skipped_total", { reason: "unknown_type" }, 1],
      ["floorpulse_firehose_reconnects_total", { kind: "retrying" }, 1],
      ["floorpulse_firehose_stream_lag_seconds", { activation: "act-1" }, 2.5],
      ["floorpulse_firehose_last_received_age_seconds", { activation: "act-1" }, 4],
      ["floorpulse_realtime_clients", {}, 3],
      ["floorpulse_store_batch_write_seconds_count", {}, 1],
      ["floorpulse_realtime_broadcast_latency_seconds_count", {}, 2],
      ["floorpulse_realtime_broadcast_latency_seconds_bucket", { le: "0.05" }, 1],
      ["floorpulse_delta_server_latency_seconds_count", {}, 2],
      ["floorpulse_delta_server_latency_seconds_bucket", { le: "0.005" }, 1],
      ["floorpulse_delta_server_latency_seconds_bucket", { le: "0.015" }, 2],
      ["floorpulse_monitoring_reports_total", { outcome: "unauthorized" }, 1],
      ["floorpulse_health_status", { component: "stream" }, 0.5],
    ];
    for (const [name, labels, want] of counted) expect(value(fams, name, labels), name).toBe(want);
    expect(value(fams, "floorpulse_process_resident_memory_bytes")).toBeGreaterThan(0);
  });

  it("folds label values from the wire that are not of the expected shape, so they cannot blow up the series", async () => {
    const m = createMetrics({ defaultMetrics: false });
    m.eventApplied('EVIL"}\n# TYPE x counter');
    m.lineSkipped("a".repeat(500));
    const fams = parseExposition(await m.registry.metrics());
    expect(value(fams, "floorpulse_firehose_events_total", { type: "other" })).toBe(1);
    expect(value(fams, "floorpulse_firehose_skipped_total", { reason: "other" })).toBe(1);
  });

  it("still scrapes when a source throws", async () => {
    const m = createMetrics({
      defaultMetrics: false,
      sources: {
        ingest: () => {
          throw new Error("worker gone");
        },
        realtime: () => ({ clients: 0 }),
      },
    });
    const fams = parseExposition(await m.registry.metrics());
    expect(fams.get("floorpulse_firehose_stream_lag_seconds")?.samples).toEqual([]);
  });

  it("adds the ingest thread's figures to the web thread's: counters and histograms summed, heaps apart, process figures once", async () => {
    const web = createMetrics({ sources: { ingest: () => [], realtime: () => ({ clients: 4 }) } });
    const ingest = createMetrics({ defaultMetrics: false, thread: "ingest" });
    ingest.eventApplied("DEVICE_LOCATION_UPDATE", 5);
    web.eventApplied("DEVICE_LOCATION_UPDATE", 1); // e.g. a replay on the web thread; both count
    ingest.broadcastLatency(0.02);
    web.slowClient();
    web.mergeFrom(() => ingest.registry.getMetricsAsJSON());

    const fams = parseExposition(await web.exposition());
    expect(value(fams, "floorpulse_firehose_events_total", { type: "DEVICE_LOCATION_UPDATE" })).toBe(6);
    expect(value(fams, "floorpulse_realtime_broadcast_latency_seconds_count")).toBe(1);
    expect(value(fams, "floorpulse_realtime_broadcast_latency_seconds_bucket", { le: "0.025" })).toBe(1);
    expect(value(fams, "floorpulse_realtime_slow_clients_total")).toBe(1);
    expect(value(fams, "floorpulse_realtime_clients")).toBe(4);
    expect(fams.get("floorpulse_process_resident_memory_bytes")?.samples).toHaveLength(1);
    const heaps = fams
      .get("floorpulse_thread_heap_used_bytes")!
      .samples.map((x) => x.labels.thread)
      .sort();
    expect(heaps).toEqual(["ingest", "main"]);
  });

  it("still scrapes its own figures when the ingest thread does not answer", async () => {
    const web = createMetrics({ defaultMetrics: false });
    web.duplicate(2);
    web.mergeFrom(() => Promise.reject(new Error("the ingest thread stopped")));
    expect(value(parseExposition(await web.exposition()), "floorpulse_firehose_duplicates_total")).toBe(2);
  });

  it("the parser itself rejects text that is not valid exposition", () => {
    expect(() => parseExposition("foo 1\n")).toThrow(/no # TYPE/);
    expect(() => parseExposition('# TYPE foo gauge\nfoo{a="x} 1\n')).toThrow();
    expect(() => parseExposition("# TYPE foo gauge\nfoo one\n")).toThrow(/bad value/);
  });
});

describe("the metrics bearer token", () => {
  const token = "s3cret-token-of-some-length";
  const req = (m: Record<string, string>) => (n: string) => m[n] ?? null;
  const local = { "x-floorpulse-client-ip": "127.0.0.1", "x-forwarded-for": "127.0.0.1" };
  it("without a token, answers only a scraper on this machine that no proxy relayed", () => {
    expect(metricsAuthorized(req(local), undefined)).toBe(true);
    expect(metricsAuthorized(req({ ...local, "x-floorpulse-client-ip": "10.0.0.8" }), undefined)).toBe(false);
    expect(metricsAuthorized(req({ ...local, "x-forwarded-for": "203.0.113.9, 127.0.0.1" }), undefined)).toBe(false);
    expect(metricsAuthorized(req({ ...local, "x-real-ip": "203.0.113.9" }), undefined)).toBe(false);
    expect(metricsAuthorized(req({}), undefined)).toBe(false);
  });
  it("needs the exact bearer token when one is configured", () => {
    expect(metricsAuthorized(req(local), token)).toBe(false);
    expect(metricsAuthorized(req({ authorization: `Bearer ${token}` }), token)).toBe(true);
    expect(metricsAuthorized(req({ authorization: `bearer ${token}` }), token)).toBe(true);
    expect(metricsAuthorized(req({ authorization: `Bearer ${token}x` }), token)).toBe(false);
    expect(metricsAuthorized(req({ authorization: `Basic ${token}` }), token)).toBe(false);
  });
});
