// history_query_ms_p95: GET /api/history/<floor>?range=day over HTTP (what the History panel asks)
// for one floor's 24 hours, with history_rows minute rollups stored: `historyDays` of minutes for
// `historyLocations` locations, seeded with raw batched inserts while the server is stopped.
import { createRequire } from "node:module";
import { join } from "node:path";
import { campusFor } from "../lib/load";
import { benchDir, startServer, startSimulator } from "../lib/procs";
import { floorsOf } from "../lib/probe";
import type { Scenario } from "../lib/scenario";
import { percentile, round } from "../lib/stats";
import { waitLive } from "./e2e";

interface Statement {
  run(...args: unknown[]): unknown;
}
interface SqliteDb {
  prepare(sql: string): Statement;
  transaction(fn: () => void): () => void;
  pragma(p: string): unknown;
  close(): void;
}
// better-sqlite3 ships without types here; the bench needs three calls of it.
const Database = createRequire(import.meta.url)("better-sqlite3") as new (file: string) => SqliteDb;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Minute rollups ending at `endDay` (a UTC midnight): a daily curve with noise, as a floor would show. */
export function seedHistory(file: string, locationIds: string[], days: number, endDay: number): number {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const insert = db.prepare(
    'INSERT OR REPLACE INTO "OccupancySample" ("locationId","bucket","source","label","min","max","last","sum","seconds") VALUES (?,?,?,?,?,?,?,?,?)',
  );
  let rows = 0;
  const startMinute = endDay - days * DAY;
  const perTx = 1440; // one location-day per transaction
  for (const id of locationIds) {
    for (let d = 0; d < days; d++) {
      const day0 = startMinute + d * DAY;
      db.transaction(() => {
        for (let m = 0; m < perTx; m++) {
          const t = day0 + m * MINUTE;
          const hour = m / 60;
          const base = Math.max(0, Math.round(120 * Math.exp(-((hour - 12.5) ** 2) / 12) + ((m * 7919 + d * 31) % 11)));
          const iso = new Date(t).toISOString().replace("Z", "+00:00");
          insert.run(id, iso, "shown", "wifi_devices", Math.max(0, base - 3), base + 3, base, base * 60, 60);
        }
      })();
      rows += perTx;
    }
  }
  db.close();
  return rows;
}

export const history: Scenario = {
  name: "history",
  produces: ["history_query_ms_p95", "history_rows"],
  async run(ctx) {
    const { historyDays: days, historyLocations: nLoc } = ctx.loads;
    const dir = benchDir();
    const sim = await startSimulator(campusFor(300, { replayWindowMs: 5_000 }));
    let server = await startServer({ simUrl: sim.url, dir });
    await waitLive(server.url, sim.url);
    await server.stop();
    const floor = (await floorsOf(sim.url))[0]!;
    const ids = [floor.id, ...Array.from({ length: nLoc - 1 }, (_, i) => `bench-location-${i}`)];
    const endDay = Math.floor(Date.now() / DAY) * DAY;
    const t0 = performance.now();
    const rows = seedHistory(join(dir, "floorpulse.db"), ids, days, endDay);
    const seedS = (performance.now() - t0) / 1000;
    ctx.log(`history: seeded ${rows} rows in ${seedS.toFixed(1)} s`);

    server = await startServer({ simUrl: sim.url, dir });
    const url = `${server.url}/api/history/${floor.id}?range=day&tz=UTC&from=${endDay - DAY}`;
    const times: number[] = [];
    let points = 0;
    const n = ctx.quick ? 40 : 100;
    for (let i = 0; i < n + 5; i++) {
      const a = performance.now();
      const res = await fetch(url);
      const body = (await res.json()) as { rows?: unknown[] };
      if (!res.ok) throw new Error(`history: HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
      if (i >= 5) times.push(performance.now() - a);
      points = Array.isArray(body.rows) ? body.rows.length : points;
    }
    await server.stop();
    await sim.stop();
    const p95 = percentile(times, 95);
    return {
      figures: { history_query_ms_p95: round(p95, 1), history_rows: rows },
      rows: [
        ["history, one floor's day", round(p95, 1), "ms p95", `${n} sequential GET /api/history (range=day, with the typical-weekday weeks); p50 ${round(percentile(times, 50), 1)} ms; ${points} rows drawn`],
        ["minute rollups stored", rows, "rows", `${days} days × ${nLoc} locations, seeded in ${seedS.toFixed(0)} s (${Math.round(rows / seedS).toLocaleString("en-US")} rows/s)`],
      ],
    };
  },
};
