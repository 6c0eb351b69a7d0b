// catchup_s for catchup_events: the server runs live on a capture replayed at its own pace, stops
// (the outage), and the replay's clock jumps on by the backlog. The server restarts, resumes with
// fromTimestamp from its checkpoint and reads the backlog from disk as fast as it can until it is
// live again: the producer generates nothing while measured. The stored minute rollups must then
// equal a clean, uninterrupted run over the same records (tests/helpers/clean-run.ts).
import { compareWithCleanRun } from "@/tests/helpers/clean-run";
import { createDb } from "@/lib/store/db";
import { campusFor } from "../lib/load";
import { benchDir, currentStore, sleep, startServer, startSimulator, until } from "../lib/procs";
import { startProducer } from "../lib/producer";
import { lastRecordTimestamp, sampleServer, simClock } from "../lib/probe";
import type { Scenario } from "../lib/scenario";
import { round } from "../lib/stats";
import { waitLive } from "./e2e";

/** Captured beyond the backlog: the live minutes before the outage and the clock's advance while catching up. */
const MARGIN_S = 150;

export const catchup: Scenario = {
  name: "catchup",
  produces: ["catchup_s", "catchup_events"],
  async run(ctx) {
    const { catchupEvents, catchupEventsPerS: rate } = ctx.loads;
    const dir = benchDir();
    const dbUrl = await currentStore().url(dir);
    const campus = campusFor(rate, { replayWindowMs: 5_000 });
    const backlogMs = Math.round((catchupEvents / rate) * 1000);
    const producer = await startProducer(campus, catchupEvents + rate * MARGIN_S, 1, ctx.log);
    let catchupS: number;
    let bootS: number;
    let applied: number;
    let lastTs: number | null;
    let from: number | undefined;
    let endOfCapture = false;
    try {
      // Live for a few seconds, then the outage.
      let server = await startServer({ simUrl: producer.url, dir });
      await waitLive(server.url, producer.url);
      from = (await producer.state()).froms[0];
      if (!from) throw new Error("could not read where the server's stream started");
      await sleep(5000);
      await server.stop();
      await producer.advance(backlogMs);

      const restartAt = performance.now();
      server = await startServer({ simUrl: producer.url, dir });
      bootS = (performance.now() - restartAt) / 1000;
      // Live: within 1.5 s of the replay's clock, or every record of the capture applied.
      const { lastTs: captureEnd } = await producer.state();
      await until(
        "catch-up to reach the live edge",
        async () => {
          const ts = await lastRecordTimestamp(server.url);
          if (!ts) return undefined;
          if (ts >= captureEnd) return (endOfCapture = true);
          return (await simClock(producer.url)).simNow - ts < 1500 || undefined;
        },
        600_000,
        250,
      );
      catchupS = (performance.now() - restartAt) / 1000;
      applied = (await sampleServer(server.url)).events;
      await sleep(2000);
      lastTs = await lastRecordTimestamp(server.url);
      await server.stop();
    } finally {
      await producer.stop();
    }
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
          `restart (boot ${bootS.toFixed(1)} s included) → ${endOfCapture ? "the capture's last record applied" : "within 1.5 s of the replay's clock"}; capture of ${producer.lines.toLocaleString("en-US")} lines made before (${producer.captureS.toFixed(0)} s), read from disk; last record ${lastTs ? "seen" : "?"}`,
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
