import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/store/db";
import { removeDir, tempDir, type AppServer } from "../../helpers/app-server";
import { bootApp } from "../../helpers/app-in-process";
import type { Browser } from "../../helpers/auth-http";
import { launchAs } from "../../helpers/hostile";
import { until } from "../../helpers/poll";
import { launchAdmin } from "../../helpers/app-env";

// Positions expire; counts stay. With POSITION_RETENTION_HOURS=0.02 (72 s) and the simulator at ten
// simulated seconds per second, minutes of event time pass in seconds: the first positions recorded
// must be deleted, the minute counts of the same moments kept, and time travel must not offer a
// moment older than the retention window. Everything is read for one floor (the first with a stored
// position): the newest sample of another floor says nothing about this one's time travel.

const RETENTION_MS = 0.02 * 3_600_000;
/** Pruning runs every quarter of retention (event time); a persist every 2 s is 20 s of event time here. */
const SLACK_MS = RETENTION_MS / 4 + 25_000;

interface Frame {
  sampleAt: number | null;
  points: unknown[];
  counts: Record<string, { count: number }>;
  span: { earliest: number | null; latest: number | null };
}

describe("retention of device positions", () => {
  let app: AppServer;
  let db: Db;
  let admin: Browser;
  let floorId: string;
  const dir = tempDir();
  let firstAt = 0;

  const positionsSpan = async () => {
    const [min, max] = await Promise.all([
      db.positionSample.findFirst({ where: { locationId: floorId }, orderBy: { at: "asc" }, select: { at: true } }),
      db.positionSample.findFirst({ where: { locationId: floorId }, orderBy: { at: "desc" }, select: { at: true } }),
    ]);
    return { min: min?.at.getTime() ?? null, max: max?.at.getTime() ?? null };
  };
  const frameAt = async (at: number) =>
    (await (
      await fetch(`${app.url}/api/locations/${floorId}/positions?at=${at}`, { headers: { Cookie: admin.cookie } })
    ).json()) as Frame;

  beforeAll(async () => {
    app = await bootApp(
      { POSITION_RETENTION_HOURS: "0.02", SIMULATOR_SPEED: "10", ...launchAdmin("dpo@example.com") },
      { dir },
    );
    db = createDb(`file:${join(dir, "floorpulse.db")}`);
    admin = await launchAs(app, "dpo@example.com");
    // The floor whose positions were stored first, and that first sample's moment.
    const first = await until(
      "a first position sample",
      () => db.positionSample.findFirst({ orderBy: { at: "asc" }, select: { locationId: true, at: true } }),
      (r) => r !== null,
      60_000,
    );
    floorId = first!.locationId;
    firstAt = first!.at.getTime();
    // Then enough event time for it to fall out of the window, and a prune that removed it.
    await until(
      "positions pruned past the first sample",
      () => positionsSpan(),
      (s) => s.min !== null && s.max !== null && s.min > firstAt && s.max - firstAt > RETENTION_MS + SLACK_MS,
      90_000,
    );
  });
  afterAll(async () => {
    await db?.$disconnect();
    await app?.stop();
    removeDir(dir);
  });

  it("deletes positions older than the retention window from the database", async () => {
    const s = await positionsSpan();
    expect(s.min!).toBeGreaterThan(firstAt);
    expect(s.max! - s.min!).toBeLessThanOrEqual(RETENTION_MS + SLACK_MS);
    expect(await db.positionSample.count({ where: { at: { lte: new Date(firstAt) } } })).toBe(0);
  });

  it("keeps the minute counts of the same moments", async () => {
    expect(
      await db.occupancySample.count({ where: { locationId: floorId, bucket: { lte: new Date(firstAt) } } }),
    ).toBeGreaterThan(0);
    const frame = await frameAt(firstAt);
    expect(frame.sampleAt).toBeNull();
    expect(frame.points).toEqual([]);
    expect(frame.counts[floorId]?.count).toEqual(expect.any(Number));
  });

  it("time travel offers no moment older than the retention window", async () => {
    const { max } = await positionsSpan();
    const frame = await frameAt(max!);
    expect(frame.sampleAt).not.toBeNull();
    expect(frame.span.earliest!).toBeGreaterThanOrEqual(max! - RETENTION_MS);
    expect(frame.span.earliest!).toBeGreaterThan(firstAt);
  });
});
