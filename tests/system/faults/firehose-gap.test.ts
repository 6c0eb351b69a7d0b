import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HistoryResult } from "@/lib/history/build";
import { minuteOf } from "../../helpers/clean-run";
import type { Proc } from "../../helpers/app-server";
import { createRig, expectSameAsClean, startSimulator, until, type Rig } from "./harness";

// An outage longer than the Firehose's replay window (Cisco keeps about an hour; this simulator 4 s
// of wall time at 30x, so 2 simulated minutes): the records in between are gone for good. The app
// must say so (a data gap stored and returned by the history API, drawn on charts as "No data"),
// keep nothing made up inside it, and still match a clean run everywhere outside it.

const SPEED = 30;
const WINDOW_MS = 4_000;
/** After a gap the engine holds devices and counts from before it until they expire (10 and 15 min). */
const SETTLE_MS = 16 * 60_000;

describe("faults: an outage longer than the replay window", () => {
  let rig: Rig;
  let reference: Proc;

  beforeAll(async () => {
    rig = await createRig(
      { seed: 51, speed: SPEED, people: 120, replayWindowMs: WINDOW_MS },
      { FIREHOSE_BACKOFF_MAX_MS: "1000" },
    );
    // The same seed served without a window: every record the outage took, for the clean run.
    reference = await startSimulator({ seed: 51, people: 120, fullSpeed: true });
    await rig.start();
    await rig.app!.waitFor(/firehose connected/);
    // The simulator clamped the first request to its window: the clean run starts where it really began.
    const { connections } = (await (await fetch(`${rig.sim.ready}/admin/connections`)).json()) as {
      connections: Array<{ fromTimestamp: number }>;
    };
    rig.from = connections[0]!.fromTimestamp;
    await rig.checkpointPast(rig.from, 3 * 60_000);
  });
  afterAll(async () => {
    await reference?.stop("SIGKILL");
    await rig?.close();
  });

  it("records the lost stretch as a data gap, shows it as no data in history, and equals a clean run outside it", async () => {
    await rig.fault({ type: "unavailable", status: 503, seconds: 15 });
    const logged = await rig.app!.waitFor(/"from":"([^"]+)","to":"([^"]+)"[^\n]*data gap/, 60_000);
    const gap = { from: Date.parse(logged[1]!), to: Date.parse(logged[2]!) };
    expect(gap.to - gap.from).toBeGreaterThan(2 * 60_000);

    // Stored with the checkpoint, once.
    const rows = await until(
      "gap stored",
      () => rig.db.dataGap.findMany(),
      (r) => r.length > 0,
      30_000,
    );
    expect(rows.map((r) => [r.from.getTime(), r.to.getTime()])).toEqual([[gap.from, gap.to]]);

    // No minute inside the gap has a made-up count.
    const inside = await rig.db.occupancySample.count({
      where: { bucket: { gte: new Date(minuteOf(gap.from) + 60_000), lt: new Date(minuteOf(gap.to)) } },
    });
    expect(inside).toBe(0);

    // The history API returns the gap, and the minutes in it as no data.
    const floor = (await rig.db.location.findFirst({ where: { type: "FLOOR" } }))!;
    const res = await fetch(
      `${rig.app!.ready}/api/history/${floor.id}?range=hour&from=${minuteOf(gap.from) - 10 * 60_000}`,
    );
    expect(res.status).toBe(200);
    const h = (await res.json()) as HistoryResult;
    expect(h.gaps).toEqual([{ from: gap.from, to: gap.to }]);
    const during = h.rows.filter((r) => r.t >= minuteOf(gap.from) + 60_000 && r.t < minuteOf(gap.to));
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((r) => r.values.shown === null || r.values.shown === undefined)).toBe(true);
    const before = h.rows.filter((r) => r.t < minuteOf(gap.from));
    expect(before.some((r) => typeof r.values.shown === "number")).toBe(true);

    // Outside the gap (and the minutes it takes for what was held from before it to expire), exactly the clean run.
    await rig.checkpointPast(gap.to, SETTLE_MS + 3 * 60_000, 120_000);
    await expectSameAsClean(rig, 10, { exclude: [[gap.from, gap.to + SETTLE_MS]], cleanSimUrl: reference.ready });
  }, 240_000);
});
