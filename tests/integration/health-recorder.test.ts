import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { clearCiscoViews } from "@/lib/health/cisco-view";
import { DAY, MINUTE } from "@/lib/health/days";
import { startHealthRecorder } from "@/lib/health/recorder";
import { loadStatusPage } from "@/lib/health/status-page";
import type { HealthSources, IngestSnapshot } from "@/lib/health/types";
import { createLogger } from "@/lib/log";
import { createDb, type Db } from "@/lib/store/db";
import { applyMigrations } from "@/lib/store/migrate";
import { removeDir, ROOT, tempDir } from "../helpers/app-server";

// The minute recorder writing to a real SQLite file, read back as the status page reads it. The clock
// is ours: an hour of minutes is recorded in a moment, with the stream silent from 10:30 to 10:45.

const T0 = Date.UTC(2026, 10, 24, 10, 0, 5); // a Tuesday, 10:00:05 UTC
const log = createLogger("silent");

describe("the health recorder and the status page it feeds", () => {
  let dir: string;
  let db: Db;

  beforeAll(async () => {
    dir = tempDir();
    const url = `file:${join(dir, "floorpulse.db")}`;
    await applyMigrations(ROOT, url);
    db = createDb(url);
  });
  afterAll(async () => {
    await db?.$disconnect();
    if (dir) removeDir(dir);
  });

  it("records every component each minute in one write and shows the outage as a degraded day", async () => {
    await db.healthCheck.create({ data: { component: "web", at: new Date(T0 - 10 * DAY), status: "up" } });
    let clock = T0;
    let silentSince: number | null = null;
    const snapshot = (): IngestSnapshot => ({
      activationId: "act-1",
      state: silentSince === null ? "connected" : "retrying",
      lastReceivedAt: silentSince ?? clock - 3_000,
      lastRecordTimestamp: silentSince ?? clock - 3_000,
    });
    const sources: HealthSources = { db, ingest: () => [snapshot()], realtime: () => ({ clients: 4 }) };
    const recorder = startHealthRecorder({
      sources,
      log,
      now: () => clock,
      intervalMs: 3_600_000,
      warmupMs: 3_600_000,
    });
    try {
      for (let minute = 0; minute < 60; minute++) {
        clock = T0 + minute * MINUTE;
        if (minute === 30) silentSince = clock;
        if (minute === 45) silentSince = null;
        expect(await recorder.recordNow()).not.toBeNull();
      }
    } finally {
      await recorder.close();
    }
    expect(recorder.last()?.checks.map((c) => c.status)).toEqual(["up", "up", "up", "up", "up"]);

    const rows = await db.healthCheck.findMany({ orderBy: [{ at: "asc" }, { component: "asc" }] });
    expect(rows).toHaveLength(60 * 5); // the row from ten days ago was pruned
    const first = rows.filter((r) => r.at.getTime() === T0 - 5_000);
    expect(first.map((r) => r.component).sort()).toEqual(["database", "ingest", "realtime", "stream", "web"]);
    const status = (minute: number) =>
      Object.fromEntries(
        rows.filter((r) => r.at.getTime() === T0 - 5_000 + minute * MINUTE).map((r) => [r.component, r.status]),
      );
    // Ingest reconnects at once; the stream is down once a full minute passed without data.
    expect(status(30)).toMatchObject({ stream: "up", ingest: "degraded", database: "up" });
    expect(status(32)).toMatchObject({ stream: "down", ingest: "degraded", database: "up" });

    clearCiscoViews();
    const page = await loadStatusPage({ db, now: T0 + 60 * MINUTE, log, activations: async () => [] });
    const today = (component: string) => page.history.rows.find((r) => r.component === component)!.days.at(-1)!;
    expect(page.history.dates.at(-1)).toBe("2026-11-24");
    expect(today("stream")).toMatchObject({ status: "degraded", up: 47, down: 13 });
    expect(today("ingest")).toMatchObject({ status: "degraded", degraded: 15 });
    expect(today("database").status).toBe("up");
    expect(page.history.rows.find((r) => r.component === "web")!.days[0]!.status).toBe("none");

    const stream = page.history.incidents.find((i) => i.component === "stream")!;
    expect(stream).toMatchObject({
      status: "down",
      from: T0 - 5_000 + 32 * MINUTE,
      to: T0 - 5_000 + 45 * MINUTE,
      ongoing: false,
    });
    expect(stream.detail).toMatch(/^no data for/);
    // No live sources here: "now" comes from the last recorded minute.
    expect(page.current).toMatchObject({ source: "recorded" });
    expect(page.current!.checks.every((c) => c.status === "up")).toBe(true);
  });

  it("shows nothing recorded on a fresh database and no current status without live sources", async () => {
    const emptyDir = tempDir();
    const url = `file:${join(emptyDir, "floorpulse.db")}`;
    await applyMigrations(ROOT, url);
    const fresh = createDb(url);
    try {
      clearCiscoViews();
      const page = await loadStatusPage({ db: fresh, now: Date.now(), log, activations: async () => [] });
      expect(page.history.lastCheckAt).toBeNull();
      expect(page.current).toBeNull();
      expect(page.history.incidents).toEqual([]);
      expect(page.cisco).toEqual([]);
    } finally {
      await fresh.$disconnect();
      removeDir(emptyDir);
    }
  });
});
