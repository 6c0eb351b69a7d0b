import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/store/db";
import { removeDir, startApp, tempDir, type AppServer } from "../../helpers/app-server";
import type { Browser } from "../../helpers/auth-http";
import { firstFloor, launchAs } from "../../helpers/hostile";

// Positions expire; counts stay. With POSITION_RETENTION_HOURS=0.02 (72 s) and the simulator at ten
// simulated seconds per second, minutes of event time pass in seconds: the first positions recorded
// must be deleted, the minute counts of the same moments kept, and time travel must not offer a
// moment older than the retention window.

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
      db.positionSample.findFirst({ orderBy: { at: "asc" }, select: { at: true } }),
      db.positionSample.findFirst({ orderBy: { at: "desc" }, select: { at: true } }),
    ]);
    return { min: min?.at.getTime() ?? null, max: max?.at.getTime() ?? null };
  };
  const frameAt = async (at: number) => (await (await fetch(`${app.url}/api/locations/${floorId}/positions?at=${at}`, { headers: { Cookie: admin.cookie } })).json()) as Frame;

  beforeAll(async () => {
    app = await startApp({ POSITION_RETENTION_HOURS: "0.02", SIMULATOR_SPEED: "10", DEMO_MODE: "off", LAUNCH_ADMIN_EMAILS: "dpo@example.com" }, { dir });
    db = createDb(`file:${join(dir, "floorpulse.db")}`);
    admin = await launchAs(app, "dpo@example.com");
    ({ floorId } = await firstFloor(app, admin));
    // The first position sample stored, then enough event time for it to fall out of the window.
    const until = Date.now() + 90_000;
    for (;;) {
      const s = await positionsSpan();
      if (!firstAt && s.min) firstAt = s.min;
      if (firstAt && s.min && s.max && s.min > firstAt && s.max - firstAt > RETENTION_MS + SLACK_MS) break;
      if (Date.now() > until) throw new Error(`positions were not pruned in time: first ${firstAt}, now ${JSON.stringify(s)}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
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
    expect(await db.occupancySample.count({ where: { locationId: floorId, bucket: { lte: new Date(firstAt) } } })).toBeGreaterThan(0);
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
