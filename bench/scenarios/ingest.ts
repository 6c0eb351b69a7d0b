// ingest_events_per_s (pg_ingest_events_per_s with --db postgres), rss_idle_mb, rss_max_mb, rss_drift_mb:
// a capture of the simulator's stream, made before the clock starts, replayed as fast as the server
// reads it (bench/replay.ts, its own process) → HTTP stream → worker (decode, engine, hub) → store, in
// the real server, read from its /metrics. RSS is the server's whole process tree (/proc).
import { campusFor } from "../lib/load";
import { benchDir, currentStore, sleep, startServer, startSimulator, until } from "../lib/procs";
import { startProducer } from "../lib/producer";
import { between, sampleServer, type ServerSample } from "../lib/probe";
import type { Row, Scenario } from "../lib/scenario";
import { cpuMeter } from "../lib/rss";
import { percentile, round } from "../lib/stats";

const MB = 1024 * 1024;

/** Samples the server every `everyMs` for `seconds` (or until `over()`), after its first applied event and a warm-up. */
async function sustained(
  url: string,
  pid: number,
  seconds: number,
  warmS: number,
  everyMs: number,
  over: () => Promise<boolean> = async () => false,
): Promise<ServerSample[]> {
  await until("the first applied event", async () => ((await sampleServer(url)).events > 0 ? true : undefined), 60_000);
  await sleep(warmS * 1000);
  const samples = [await sampleServer(url, pid)];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    await sleep(everyMs);
    samples.push(await sampleServer(url, pid));
    if (await over()) break;
  }
  return samples;
}

/** RSS of an idle server (a small campus, live, no clients): median of 5 samples after 5 s. */
async function idleRss(): Promise<number | null> {
  const sim = await startSimulator(campusFor(0, { people: 50, updateMs: 5000, tickMs: 1000, replayWindowMs: 5_000 }));
  try {
    const server = await startServer({ simUrl: sim.url, dir: benchDir() });
    await until(
      "the first applied event",
      async () => ((await sampleServer(server.url)).events > 0 ? true : undefined),
      60_000,
    );
    await sleep(5000);
    const xs: number[] = [];
    for (let i = 0; i < 5; i++) {
      xs.push((await sampleServer(server.url, server.proc.pid)).treeRssBytes / MB);
      await sleep(1000);
    }
    await server.stop();
    return percentile(xs, 50);
  } finally {
    await sim.stop();
  }
}

export const ingest: Scenario = {
  name: "ingest",
  produces: ["ingest_events_per_s", "pg_ingest_events_per_s", "rss_idle_mb", "rss_max_mb", "rss_drift_mb"],
  async run(ctx) {
    const rows: Row[] = [];
    const pg = currentStore().kind === "postgres";
    const ingestKey = pg ? "pg_ingest_events_per_s" : "ingest_events_per_s";
    const idle = await idleRss();
    rows.push([
      "server RSS idle",
      round(idle, 0),
      "MB",
      "process tree, live on a 50-person campus, no clients (median of 5)",
    ]);

    // A large campus (5,000 events per simulated second) captured first, then replayed as fast as the server reads.
    const producer = await startProducer(campusFor(5000), ctx.loads.ingestLines, "max", ctx.log);
    const server = await startServer({ simUrl: producer.url, dir: benchDir() });
    const replayCpu = cpuMeter(producer.pid);
    const samples = await sustained(
      server.url,
      server.proc.pid,
      ctx.loads.ingestSeconds,
      3,
      1000,
      async () => (await producer.state()).finished,
    );
    const replayPct = replayCpu.pct();
    const sent = await producer.state();
    await server.stop();
    await producer.stop();
    const r = between(samples[0]!, samples.at(-1)!);
    const rssMax = Math.max(...samples.map((s) => s.treeRssBytes)) / MB;
    rows.push([
      `ingest into ${pg ? "PostgreSQL" : "SQLite"}, capture replayed`,
      round(r.eventsPerS, 0),
      "events/s",
      `${r.seconds.toFixed(0)} s after 3 s warm-up${sent.finished ? " (capture used up)" : ""}; ${producer.lines.toLocaleString("en-US")} lines (${(producer.bytes / 1e9).toFixed(1)} GB) captured in ${producer.captureS.toFixed(0)} s and indexed in ${producer.indexS.toFixed(0)} s before, streamed from disk; server CPU ${r.cpuPct.toFixed(0)} % of a core, replay ${replayPct.toFixed(0)} %`,
    ]);
    const heapMax = Math.max(...samples.map((s) => s.heapUsedBytes)) / MB;
    const ownMax = Math.max(...samples.map((s) => s.rssBytes)) / MB;
    rows.push([
      "server RSS max (full-speed ingest)",
      round(rssMax, 0),
      "MB",
      `process tree (/proc), sampled each second; main process ${ownMax.toFixed(0)} MB, JS heap used at most ${heapMax.toFixed(0)} MB`,
    ]);

    let drift: number | null = 0;
    if (ctx.loads.driftSeconds > 0) {
      // 20,000 events/s for ten minutes: 5,000 per simulated second at 4x speed.
      // (The live simulator, not a capture: ten minutes at 20k/s would be a ~17 GB file; its CPU is printed.)
      const sim2 = await startSimulator(campusFor(5000, { speed: 4, replayWindowMs: 10_000 }));
      const server2 = await startServer({ simUrl: sim2.url, dir: benchDir() });
      ctx.log(`ingest: drift run, ${ctx.loads.driftSeconds} s at 20,000 events/s`);
      const simCpu = cpuMeter(sim2.proc.pid);
      const long = await sustained(server2.url, server2.proc.pid, ctx.loads.driftSeconds, 0, 5000);
      const producerPct = simCpu.pct();
      await server2.stop();
      await sim2.stop();
      const t0 = long[0]!.at;
      const window = (fromS: number, toS: number) =>
        long.filter((s) => s.at - t0 >= fromS * 1000 && s.at - t0 < toS * 1000).map((s) => s.treeRssBytes / MB);
      const early = percentile(window(60, 120), 50);
      const late = percentile(window(ctx.loads.driftSeconds - 60, ctx.loads.driftSeconds + 10), 50);
      drift = early !== null && late !== null ? late - early : null;
      const rate = between(long[0]!, long.at(-1)!);
      rows.push([
        "RSS drift at 20k events/s",
        round(drift, 1),
        "MB",
        `median RSS of the last minute minus minute 2 of ${ctx.loads.driftSeconds} s; measured ${Math.round(rate.eventsPerS)} events/s; producer (live simulator) ${producerPct.toFixed(0)} % of a core, server ${rate.cpuPct.toFixed(0)} %`,
      ]);
      const rssLong = Math.max(...long.map((s) => s.treeRssBytes)) / MB;
      rows.push(["server RSS max at 20k events/s (drift run)", round(rssLong, 0), "MB", "process tree"]);
      return {
        figures: {
          [ingestKey]: round(r.eventsPerS, 0),
          rss_idle_mb: round(idle, 0),
          rss_max_mb: round(Math.max(rssMax, rssLong), 0),
          rss_drift_mb: round(drift, 1),
        },
        rows,
      };
    }
    rows.push(["RSS drift", 0, "MB", "full run only (10 minutes at 20,000 events/s)"]);
    return {
      figures: {
        [ingestKey]: round(r.eventsPerS, 0),
        rss_idle_mb: round(idle, 0),
        rss_max_mb: round(rssMax, 0),
        rss_drift_mb: 0,
      },
      rows,
    };
  },
};
