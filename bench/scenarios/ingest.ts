// ingest_events_per_s, rss_max_mb (and rss_drift_mb in the full run): the simulator at full speed →
// HTTP stream → worker (decode, engine, hub) → SQLite, in the real server, read from its /metrics.
import { campusFor } from "../lib/load";
import { benchDir, sleep, startServer, startSimulator, until } from "../lib/procs";
import { between, sampleServer, type ServerSample } from "../lib/probe";
import type { Row, Scenario } from "../lib/scenario";
import { percentile, round } from "../lib/stats";

const MB = 1024 * 1024;

/** Samples the server every `everyMs` for `seconds`, after its first applied event and a warm-up. */
async function sustained(url: string, seconds: number, warmS: number, everyMs: number): Promise<ServerSample[]> {
  await until("the first applied event", async () => ((await sampleServer(url)).events > 0 ? true : undefined), 60_000);
  await sleep(warmS * 1000);
  const samples = [await sampleServer(url)];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    await sleep(everyMs);
    samples.push(await sampleServer(url));
  }
  return samples;
}

export const ingest: Scenario = {
  name: "ingest",
  produces: ["ingest_events_per_s", "rss_max_mb", "rss_drift_mb"],
  async run(ctx) {
    const rows: Row[] = [];
    // A large campus (5,000 events per simulated second) streamed as fast as the server reads.
    const sim = await startSimulator(campusFor(5000, { speed: "max", replayWindowMs: 60_000 }));
    const server = await startServer({ simUrl: sim.url, dir: benchDir() });
    const samples = await sustained(server.url, ctx.loads.ingestSeconds, 3, 1000);
    await server.stop();
    await sim.stop();
    const r = between(samples[0]!, samples.at(-1)!);
    const rssMax = Math.max(...samples.map((s) => s.rssBytes)) / MB;
    rows.push([
      "ingest, simulator at full speed",
      round(r.eventsPerS, 0),
      "events/s",
      `${r.seconds.toFixed(0)} s sustained after 3 s warm-up; server CPU ${r.cpuPct.toFixed(0)} % of a core`,
    ]);
    const heapMax = Math.max(...samples.map((s) => s.heapUsedBytes)) / MB;
    rows.push([
      "server RSS max",
      round(rssMax, 0),
      "MB",
      `process_resident_memory_bytes, sampled each second; JS heap used at most ${heapMax.toFixed(0)} MB`,
    ]);

    let drift: number | null = 0;
    if (ctx.loads.driftSeconds > 0) {
      // 20,000 events/s for ten minutes: 5,000 per simulated second at 4x speed.
      const sim2 = await startSimulator(campusFor(5000, { speed: 4, replayWindowMs: 10_000 }));
      const server2 = await startServer({ simUrl: sim2.url, dir: benchDir() });
      ctx.log(`ingest: drift run, ${ctx.loads.driftSeconds} s at 20,000 events/s`);
      const long = await sustained(server2.url, ctx.loads.driftSeconds, 0, 5000);
      await server2.stop();
      await sim2.stop();
      const t0 = long[0]!.at;
      const window = (fromS: number, toS: number) =>
        long.filter((s) => s.at - t0 >= fromS * 1000 && s.at - t0 < toS * 1000).map((s) => s.rssBytes / MB);
      const early = percentile(window(60, 120), 50);
      const late = percentile(window(ctx.loads.driftSeconds - 60, ctx.loads.driftSeconds + 10), 50);
      drift = early !== null && late !== null ? late - early : null;
      const rate = between(long[0]!, long.at(-1)!);
      rows.push([
        "RSS drift at 20k events/s",
        round(drift, 1),
        "MB",
        `median RSS of the last minute minus minute 2 of ${ctx.loads.driftSeconds} s; measured ${Math.round(rate.eventsPerS)} events/s`,
      ]);
      const rssLong = Math.max(...long.map((s) => s.rssBytes)) / MB;
      rows.push(["server RSS max (drift run)", round(rssLong, 0), "MB", ""]);
      return {
        figures: {
          ingest_events_per_s: round(r.eventsPerS, 0),
          rss_max_mb: round(Math.max(rssMax, rssLong), 0),
          rss_drift_mb: round(drift, 1),
        },
        rows,
      };
    }
    rows.push(["RSS drift", 0, "MB", "full run only (10 minutes at 20,000 events/s)"]);
    return {
      figures: { ingest_events_per_s: round(r.eventsPerS, 0), rss_max_mb: round(rssMax, 0), rss_drift_mb: 0 },
      rows,
    };
  },
};
