// json_parse_events_per_s and decode_engine_events_per_s: the same captured Firehose lines through
// JSON.parse alone (the floor) and through the ingest pipeline (decode, dedupe, reorder, occupancy
// engine, minute rollups) with no I/O. Lines are read over HTTP from the simulator process.
import { createPipeline } from "@/lib/ingest/pipeline";
import { createLineSplitter } from "@/lib/firehose/ndjson";
import { campusFor } from "../lib/load";
import { startSimulator } from "../lib/procs";
import type { Scenario } from "../lib/scenario";
import { round } from "../lib/stats";

async function capture(simUrl: string, key: string, from: number, n: number): Promise<string[]> {
  const lines: string[] = [];
  const controller = new AbortController();
  const res = await fetch(`${simUrl}/api/partners/v1/firehose/events?fromTimestamp=${from}`, {
    headers: { "X-API-KEY": key },
    signal: controller.signal,
  });
  if (!res.ok || !res.body) throw new Error(`capture: HTTP ${res.status}`);
  const splitter = createLineSplitter(
    (l) => void (lines.length < n && lines.push(l)),
    () => {},
  );
  const decoder = new TextDecoder();
  const reader = res.body.getReader();
  while (lines.length < n) {
    const { value, done } = await reader.read();
    if (done) break;
    splitter.push(decoder.decode(value, { stream: true }));
  }
  controller.abort();
  return lines;
}

/** Best of `passes` (the least disturbed by neighbours on a shared machine), in items per second. */
function bestRate(passes: number, n: number, body: () => void): number {
  let best = 0;
  for (let i = 0; i < passes; i++) {
    const t0 = performance.now();
    body();
    best = Math.max(best, n / ((performance.now() - t0) / 1000));
  }
  return best;
}

export const parse: Scenario = {
  name: "parse",
  produces: ["json_parse_events_per_s", "decode_engine_events_per_s"],
  async run(ctx) {
    const campus = campusFor(5000, { speed: "max" });
    const sim = await startSimulator(campus);
    let lines: string[];
    try {
      lines = await capture(sim.url, sim.partnerKey, campus.start!, ctx.loads.captureLines);
    } finally {
      await sim.stop();
    }
    const bytes = lines.reduce((s, l) => s + l.length, 0);
    ctx.log(`captured ${lines.length} lines, ${Math.round(bytes / lines.length)} B each`);
    let sink = 0;
    const passes = ctx.quick ? 2 : 3;
    const json = bestRate(passes, lines.length, () => {
      for (const l of lines) sink += (JSON.parse(l) as { recordTimestamp?: number }).recordTimestamp ? 1 : 0;
    });
    const engine = bestRate(passes, lines.length, () => {
      const p = createPipeline({ partnerTenantId: null });
      for (const l of lines) p.accept(l);
      p.settle();
      p.drain();
      sink += p.counters.lines;
    });
    if (sink < 0) ctx.log(String(sink)); // keeps the loops from being optimised away
    return {
      figures: { json_parse_events_per_s: round(json, 0), decode_engine_events_per_s: round(engine, 0) },
      rows: [
        [
          "JSON.parse alone",
          round(json, 0),
          "events/s",
          `${lines.length.toLocaleString("en-US")} captured lines, ${Math.round(bytes / lines.length)} B avg, best of ${passes}`,
        ],
        [
          "decode + engine (pipeline)",
          round(engine, 0),
          "events/s",
          "decode, dedupe, reorder, engine, rollups; no I/O",
        ],
      ],
    };
  },
};
