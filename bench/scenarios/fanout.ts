// fanout_cpu_pct: server CPU spent on `fanoutClients` socket clients each receiving about four floor
// updates a second (the simulator ticks every 500 ms; a tick may straddle two flushes), minus the same server's CPU with no clients.
// reconnect_storm_s: the server restarts on the same port and database; from the first client back
// to the last one resynchronised (snapshots received), with the browser's reconnect settings.
import { startClients } from "../lib/clients";
import { campusFor } from "../lib/load";
import { benchDir, sleep, startServer, startSimulator } from "../lib/procs";
import { between, floorsOf, sampleServer, simOffset } from "../lib/probe";
import { freePort } from "@/tests/helpers/app-server";
import type { Scenario } from "../lib/scenario";
import { cpuMeter } from "../lib/rss";
import { round } from "../lib/stats";
import { waitLive } from "./e2e";

async function cpuOver(url: string, seconds: number) {
  const a = await sampleServer(url);
  await sleep(seconds * 1000);
  return between(a, await sampleServer(url));
}

export const fanout: Scenario = {
  name: "fanout",
  produces: ["fanout_cpu_pct", "reconnect_storm_s"],
  async run(ctx) {
    const { fanoutClients: n, fanoutSeconds: seconds } = ctx.loads;
    const sim = await startSimulator(campusFor(1000, { tickMs: 500, replayWindowMs: 5_000 }));
    const dir = benchDir();
    const port = await freePort();
    let server = await startServer({ simUrl: sim.url, dir, port });
    await waitLive(server.url, sim.url);
    await sleep(2000);
    const idle = await cpuOver(server.url, seconds);
    const floors = await floorsOf(sim.url);
    const clients = await startClients({
      url: server.url,
      clients: n,
      floors: floors.map((f) => f.id),
      offset: await simOffset(sim.url),
      watchTenant: false,
    });
    await clients.allSynced();
    await sleep(2000);
    await clients.reset();
    const simCpu = cpuMeter(sim.proc.pid);
    const busy = await cpuOver(server.url, seconds);
    const producerPct = simCpu.pct();
    const s = await clients.state();
    const perClient = s.deltas / n / s.seconds;

    // The restart: SIGTERM, then the same port and database.
    await clients.reset();
    await server.stop();
    const restartAt = Date.now();
    server = await startServer({ simUrl: sim.url, dir, port });
    const after = await clients.allSynced(120_000);
    const storm =
      after.firstReconnectAt !== null && after.lastResyncAt !== null
        ? (after.lastResyncAt - after.firstReconnectAt) / 1000
        : null;
    const total = after.lastResyncAt !== null ? (after.lastResyncAt - restartAt) / 1000 : null;
    await clients.stop();
    await server.stop();
    await sim.stop();
    const fan = busy.cpuPct - idle.cpuPct;
    return {
      figures: { fanout_cpu_pct: round(fan, 1), reconnect_storm_s: round(storm, 2) },
      rows: [
        [
          "fan-out CPU",
          round(fan, 1),
          "% of a core",
          `${n} clients at ${perClient.toFixed(1)} updates/s each: server ${busy.cpuPct.toFixed(0)} % with them, ${idle.cpuPct.toFixed(0)} % without (${Math.round(busy.eventsPerS)} events/s); producer (live simulator) ${producerPct.toFixed(0)} % of a core meanwhile`,
        ],
        ["reconnect storm", round(storm, 2), "s", `first client back → all ${n} resynced after a restart`],
        [
          "restart to all resynced",
          round(total, 2),
          "s",
          "SIGTERM'd server's successor spawned → last client resynced (includes boot)",
        ],
      ],
    };
  },
};
