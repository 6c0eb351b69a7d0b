// e2e_p50_ms, e2e_p99_ms at load_events_per_s with `clients` socket clients in their own process
// (cheap receivers and a few probes that decode everything: bench/clients.ts): from the record's
// recordTimestamp (the replay sends each chunk when its clock reaches its newest record) to a probe
// receiving a delta whose `t` is the oldest record behind it; a delta a probe missed counts as
// arriving with the next one. e2e_server_p99_ms: the server's own record read → socket write
// histogram over the same window. e2e_dropped_clients / e2e_lagging_clients: every client's sequence numbers.
import { startClients } from "../lib/clients";
import { campusFor } from "../lib/load";
import { benchDir, sleep, startServer, until } from "../lib/procs";
import { startProducer } from "../lib/producer";
import {
  between,
  floorsOf,
  lastRecordTimestamp,
  sampleServer,
  serverLatencyMs,
  simClock,
  simOffset,
} from "../lib/probe";
import type { Scenario } from "../lib/scenario";
import { round } from "../lib/stats";

/** Waits until the server applies records within a second of the simulator's clock (the replay is over). */
export async function waitLive(serverUrl: string, simUrl: string, ms = 120_000): Promise<void> {
  await until(
    "ingest to reach the live edge",
    async () => {
      const ts = await lastRecordTimestamp(serverUrl);
      const { simNow } = await simClock(simUrl);
      return ts && simNow - ts < 1500 ? true : undefined;
    },
    ms,
    250,
  );
}

export const e2e: Scenario = {
  name: "e2e",
  produces: [
    "e2e_p50_ms",
    "e2e_p99_ms",
    "e2e_server_p99_ms",
    "e2e_dropped_clients",
    "e2e_lagging_clients",
    "load_events_per_s",
    "clients",
  ],
  async run(ctx) {
    const { e2eEventsPerS: rate, e2eClients: n, e2eProbes: probes, e2eSeconds: seconds } = ctx.loads;
    // Enough capture for boot, the clients connecting and the window, replayed at the capture's own pace
    // (a quick run used ~23 s of it; 90 s leaves room for 1,000 clients connecting on a loaded machine).
    const producer = await startProducer(
      campusFor(rate, { tickMs: 20, replayWindowMs: 5_000 }),
      rate * (seconds + 90),
      1,
      ctx.log,
    );
    const server = await startServer({ simUrl: producer.url, dir: benchDir() });
    await waitLive(server.url, producer.url);
    const floors = await floorsOf(producer.url);
    const clients = await startClients({
      url: server.url,
      clients: n,
      probes,
      floors: floors.map((f) => f.id),
      offset: await simOffset(producer.url),
    });
    await clients.allSynced();
    await sleep(1000);
    const a = await sampleServer(server.url);
    await clients.reset();
    await sleep(seconds * 1000);
    const s = await clients.state();
    const b = await sampleServer(server.url);
    const sent = await producer.state();
    await clients.stop();
    await server.stop();
    await producer.stop();
    if (sent.finished) ctx.log("e2e: the capture ran out during the window (the load figure says how much arrived)");
    const r = between(a, b);
    const serverP99 = serverLatencyMs(a, b, 0.99);
    const serverP50 = serverLatencyMs(a, b, 0.5);
    const perClient = s.deltas / n / s.seconds;
    return {
      figures: {
        e2e_p50_ms: round(s.p50, 0),
        e2e_p99_ms: round(s.p99, 0),
        e2e_server_p99_ms: round(serverP99, 1),
        e2e_dropped_clients: s.dropped,
        e2e_lagging_clients: s.lagging,
        load_events_per_s: round(r.eventsPerS, 0),
        clients: n,
      },
      rows: [
        [
          "e2e latency p50",
          round(s.p50, 0),
          "ms",
          `recordTimestamp → delta decoded at one of ${s.probes} probe clients (tenant + one floor each)`,
        ],
        [
          "e2e latency p99",
          round(s.p99, 0),
          "ms",
          `${s.samples.toLocaleString("en-US")} probe samples in ${s.seconds.toFixed(0)} s (missed deltas counted at the next one), max ${round(s.max, 0)} ms`,
        ],
        [
          "server-side p99",
          round(serverP99, 1),
          "ms",
          serverP99 === null
            ? "n/a: the server has no floorpulse_delta_server_latency_seconds histogram (not measured)"
            : `record read → socket write, /metrics histogram over the window; p50 ${round(serverP50, 1)} ms`,
        ],
        [
          "dropped clients",
          s.dropped,
          "clients",
          `disconnected or a sequence gap, of ${n}; ${s.missed} deltas missed in all; ${s.disconnects} disconnects`,
        ],
        [
          "lagging clients",
          s.lagging,
          "clients",
          `resynchronised by a pushed snapshot (fell behind); ${perClient.toFixed(1)} deltas/s per client, ${(s.bytes / s.seconds / 1e6).toFixed(1)} MB/s to the cheap receivers`,
        ],
        [
          "load during e2e",
          round(r.eventsPerS, 0),
          "events/s",
          `target ${rate}; server CPU ${r.cpuPct.toFixed(0)} % of a core; ${sent.sentLines.toLocaleString("en-US")} of ${sent.lines.toLocaleString("en-US")} captured lines sent`,
        ],
      ],
    };
  },
};
