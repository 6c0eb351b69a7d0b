// e2e_p50_ms, e2e_p99_ms at load_events_per_s with `clients` socket clients in their own process:
// from the simulator stamping recordTimestamp (it sends each tick when its clock reaches it) to the
// client receiving a delta whose `t` is the oldest record behind it.
import { startClients } from "../lib/clients";
import { campusFor } from "../lib/load";
import { benchDir, sleep, startServer, startSimulator, until } from "../lib/procs";
import { between, floorsOf, lastRecordTimestamp, sampleServer, simClock, simOffset } from "../lib/probe";
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
  produces: ["e2e_p50_ms", "e2e_p99_ms", "load_events_per_s", "clients"],
  async run(ctx) {
    const { e2eEventsPerS: rate, e2eClients: n, e2eSeconds: seconds } = ctx.loads;
    const sim = await startSimulator(campusFor(rate, { tickMs: 20, replayWindowMs: 5_000 }));
    const server = await startServer({ simUrl: sim.url, dir: benchDir() });
    await waitLive(server.url, sim.url);
    const floors = await floorsOf(sim.url);
    const clients = await startClients({
      url: server.url,
      clients: n,
      floors: floors.map((f) => f.id),
      offset: await simOffset(sim.url),
    });
    await clients.allSynced();
    await sleep(1000);
    const a = await sampleServer(server.url);
    await clients.reset();
    await sleep(seconds * 1000);
    const s = await clients.state();
    const b = await sampleServer(server.url);
    // How far the simulator itself was behind its clock (a starved load generator sends records late).
    const conns = (await (await fetch(`${sim.url}/admin/connections`)).json()) as {
      connections: Array<{ position: number }>;
    };
    const simLag = Math.max(
      0,
      (await simClock(sim.url)).simNow - Math.min(...conns.connections.map((c) => c.position)),
    );
    await clients.stop();
    await server.stop();
    await sim.stop();
    const r = between(a, b);
    const perClient = s.deltas / n / s.seconds;
    return {
      figures: {
        e2e_p50_ms: round(s.p50, 0),
        e2e_p99_ms: round(s.p99, 0),
        load_events_per_s: round(r.eventsPerS, 0),
        clients: n,
      },
      rows: [
        [
          "e2e latency p50",
          round(s.p50, 0),
          "ms",
          `recordTimestamp → delta at the client; ${n} clients (tenant + one floor each)`,
        ],
        [
          "e2e latency p99",
          round(s.p99, 0),
          "ms",
          `${s.samples.toLocaleString("en-US")} deltas in ${s.seconds.toFixed(0)} s, ${perClient.toFixed(1)}/s per client, max ${round(s.max, 0)} ms`,
        ],
        [
          "load during e2e",
          round(r.eventsPerS, 0),
          "events/s",
          `target ${rate}; server CPU ${r.cpuPct.toFixed(0)} % of a core; simulator ${simLag} ms behind its clock at the end`,
        ],
      ],
    };
  },
};
