// catchup_s for catchup_events: the server runs live, stops (the outage), and the simulator moves on
// by the backlog (restarted on the same port, same seed, its clock that much later: records are a
// pure function of seed and simulated time). The server restarts, resumes with fromTimestamp from its
// checkpoint and replays until it is live again. The stored minute rollups must then equal a clean,
// uninterrupted run over the same records (tests/helpers/clean-run.ts).
import { compareWithCleanRun } from "@/tests/helpers/clean-run";
import { freePort } from "@/tests/helpers/app-server";
import { createDb } from "@/lib/store/db";
import { campusFor } from "../lib/load";
import { benchDir, currentStore, sleep, startServer, startSimulator } from "../lib/procs";
import { lastRecordTimestamp, sampleServer, simClock } from "../lib/probe";
import type { Scenario } from "../lib/scenario";
import { round } from "../lib/stats";
import { waitLive } from "./e2e";

export const catchup: Scenario = {
  name: "catchup",
  produces: ["catchup_s", "catchup_events"],
  async run(ctx) {
    const { catchupEvents, catchupEventsPerS: rate } = ctx.loads;
    const dir = benchDir();
    const dbUrl = await currentStore().url(dir);
    const simPort = await freePort();
    const campus = campusFor(rate, { replayWindowMs: 5_000, port: simPort });
    const backlogMs = Math.round((catchupEvents / rate) * 1000);

    // Live for a few seconds, then the outage.
    let sim = await startSimulator(campus);
    let server = await startServer({ simUrl: sim.url, dir });
    await waitLive(server.url, sim.url);
    const conns = (await (await fetch(`${sim.url}/admin/connections`)).json()) as {
      connections: Array<{ fromTimestamp: number | null }>;
    };
    const from = conns.connections[0]?.fromTimestamp;
    if (!from) throw new Error("could not read where the server's stream started");
    await sleep(5000);
    await server.stop();
    const { simNow } = await simClock(sim.url);
    await sim.stop();

    // The simulator comes back `backlogMs` later in simulated time; then the server.
    sim = await startSimulator({ ...campus, start: simNow + backlogMs, replayWindowMs: backlogMs + 120_000 });
    const restartAt = performance.now();
    server = await startServer({ simUrl: sim.url, dir });
    const bootS = (performance.now() - restartAt) / 1000;
    await waitLive(server.url, sim.url, 600_000);
    const catchupS = (performance.now() - restartAt) / 1000;
    const applied = (await sampleServer(server.url)).events;
    await sleep(2000);
    const lastTs = await lastRecordTimestamp(server.url);
    await server.stop();
    await sim.stop();
    ctx.log(`catchup: ${applied} events in ${catchupS.toFixed(1)} s; comparing rollups with a clean run`);

    // The reference: one clean pass over the same records.
    const db = createDb(dbUrl);
    let diff: string[];
    let compared = 0;
    try {
      const cp = await db.checkpoint.findFirst();
      const activation = await db.activation.findFirst({ where: { status: "active" }, include: { tenant: true } });
      if (!cp || !activation) throw new Error("no checkpoint or activation after the run");
      const untilTs = Number(cp.recordTimestamp);
      // The reference world starts where the live one did: a stream asked from before the simulator
      // existed began at the simulator's start, and a world started earlier has other devices present then.
      const ref = await startSimulator({
        ...campus,
        port: 0,
        speed: "max",
        start: Math.max(from, campus.start ?? from),
        replayWindowMs: 3_600_000,
      });
      try {
        ({ diff, compared } = await compareWithCleanRun(db, {
          simUrl: ref.url,
          partnerTenantId: activation.tenant.partnerTenantId,
          from,
          until: untilTs,
        }));
      } finally {
        await ref.stop();
      }
    } finally {
      await db.$disconnect();
    }
    if (diff.length) ctx.log(`catchup: rollups differ from the clean run:\n  ${diff.slice(0, 10).join("\n  ")}`);
    const equal = diff.length === 0 && compared > 0;
    return {
      figures: { catchup_s: round(catchupS, 1), catchup_events: applied, catchup_rollups_equal: equal ? 1 : 0 },
      rows: [
        [
          "catch-up to live",
          round(catchupS, 1),
          "s",
          `restart (boot ${bootS.toFixed(1)} s included) → within 1.5 s of the simulator's clock; last record ${lastTs ? "seen" : "?"}`,
        ],
        [
          "events replayed and applied",
          applied,
          "events",
          `backlog of ${(backlogMs / 1000).toFixed(0)} simulated s at ~${rate}/s, plus live ones meanwhile`,
        ],
        [
          "rollups equal a clean run",
          equal ? 1 : 0,
          "1 = yes",
          equal ? `${compared} minute buckets compared` : `${diff.length} differences of ${compared}`,
        ],
      ],
    };
  },
};
