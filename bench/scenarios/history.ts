// history_query_ms_p95_cold, history_query_ms_p95: GET /api/history/<location>?range=day over HTTP
// (what the History panel asks) for one location's 24 hours, with history_rows minute rollups stored:
// `historyDays` of minutes for `historyLocations` locations, seeded with raw batched inserts while the
// server is stopped. Cold: a fresh server process (empty caches, SQLite's page cache included) asked
// each (location, day) once, never the same pair twice; warm: the same pairs asked again.
import { createRequire } from "node:module";
import { join } from "node:path";
import { campusFor } from "../lib/load";
import { benchDir, startServer, startSimulator } from "../lib/procs";
import { connectSocket } from "@/tests/helpers/socket";
import type { LocationSnapshot, WatchError } from "@/lib/realtime/protocol";
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
  exec(sql: string): unknown;
  close(): void;
}
// better-sqlite3 ships without types here; the bench needs three calls of it.
const Database = createRequire(import.meta.url)("better-sqlite3") as new (file: string) => SqliteDb;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * Minute rollups ending at `endDay` (a UTC midnight): a daily curve peaking at 12:30 with a little
 * noise, as a floor would show. Rows are made by SQLite itself (a recursive CTE per location, one
 * transaction each): tens of millions of rows in a minute or two, no JavaScript per row.
 */
export function seedHistory(file: string, locationIds: string[], days: number, endDay: number): number {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const minutes = days * 1440;
  const insert = db.prepare(`
    WITH RECURSIVE m(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM m WHERE i < ? - 1)
    INSERT INTO "OccupancySample" ("locationId","bucket","source","label","min","max","last","sum","seconds")
    SELECT ?, strftime('%Y-%m-%dT%H:%M:%S.000+00:00', (? + i * 60000) / 1000, 'unixepoch'), 'shown', 'wifi_devices',
           max(v - 3, 0), v + 3, v, v * 60, 60
    FROM (SELECT i, max(0, 120 - abs(i % 1440 - 750) / 5) + (i * 7919) % 11 AS v FROM m)`);
  // Rows go in by primary key order (location, minute); the bucket index is built once afterwards,
  // as migrations define it, instead of being updated at random places for every row.
  db.prepare('DROP INDEX IF EXISTS "OccupancySample_bucket_idx"').run();
  for (const id of locationIds) db.transaction(() => void insert.run(minutes, id, endDay - days * DAY))();
  db.prepare('CREATE INDEX "OccupancySample_bucket_idx" ON "OccupancySample"("bucket")').run();
  db.close();
  return minutes * locationIds.length;
}

/** Every location of the tenant the server shows (its socket snapshot of the whole tenant). */
async function serverLocations(url: string): Promise<string[]> {
  const s = await connectSocket(url);
  try {
    const snap = await new Promise<LocationSnapshot | WatchError>((r) => s.emit("location:watch", null, r));
    if ("error" in snap) throw new Error(`location:watch: ${snap.error}`);
    return snap.locations.map((l) => l.id);
  } finally {
    s.close();
  }
}

/** Sequential GETs of `urls` (each must answer 200). */
async function timed(urls: string[]): Promise<{ times: number[]; rows: number }> {
  const times: number[] = [];
  let rows = 0;
  for (const url of urls) {
    const a = performance.now();
    const res = await fetch(url);
    const body = (await res.json()) as { rows?: unknown[] };
    if (!res.ok) throw new Error(`history: HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    times.push(performance.now() - a);
    rows = Math.max(rows, Array.isArray(body.rows) ? body.rows.length : 0);
  }
  return { times, rows };
}

export const history: Scenario = {
  name: "history",
  sqliteOnly: true,
  produces: ["history_query_ms_p95", "history_query_ms_p95_cold", "history_rows"],
  async run(ctx) {
    const { historyDays: days, historyLocations: nLoc } = ctx.loads;
    const dir = benchDir();
    const sim = await startSimulator(campusFor(300, { replayWindowMs: 5_000 }));
    let server = await startServer({ simUrl: sim.url, dir });
    await waitLive(server.url, sim.url);
    // The locations the server knows (the API answers for those) first, then filler up to nLoc.
    const real = (await serverLocations(server.url)).slice(0, nLoc);
    await server.stop();
    const ids = [...real, ...Array.from({ length: nLoc - real.length }, (_, i) => `bench-location-${i}`)];
    const endDay = Math.floor(Date.now() / DAY) * DAY;
    const t0 = performance.now();
    const rows = seedHistory(join(dir, "floorpulse.db"), ids, days, endDay);
    const seedS = (performance.now() - t0) / 1000;
    ctx.log(`history: seeded ${rows} rows in ${seedS.toFixed(1)} s`);

    // Distinct (location, day) pairs: every location on yesterday, then every location the day before, ...
    const n = Math.min(ctx.quick ? 40 : 100, real.length * (days - 1));
    const urls = Array.from({ length: n }, (_, j) => {
      const loc = real[j % real.length]!;
      const day = endDay - DAY * (1 + Math.floor(j / real.length));
      return `${server.url}/api/history/${loc}?range=day&tz=UTC&from=${day}`;
    });
    server = await startServer({ simUrl: sim.url, dir });
    const at = (u: string) => u.replace(/^http:\/\/[^/]+/, server.url);
    const cold = await timed(urls.map(at));
    const warm = await timed(urls.map(at));
    await server.stop();
    await sim.stop();
    const p95 = percentile(warm.times, 95);
    const coldP95 = percentile(cold.times, 95);
    return {
      figures: {
        history_query_ms_p95: round(p95, 1),
        history_query_ms_p95_cold: round(coldP95, 1),
        history_rows: rows,
      },
      rows: [
        [
          "history, one day, cold",
          round(coldP95, 1),
          "ms p95",
          `${n} sequential GET /api/history (range=day), a fresh server, each (location, day) asked once (${real.length} locations × ${Math.ceil(n / real.length)} days back); p50 ${round(percentile(cold.times, 50), 1)} ms; the OS file cache is not dropped`,
        ],
        [
          "history, one day, warm",
          round(p95, 1),
          "ms p95",
          `the same ${n} requests again; p50 ${round(percentile(warm.times, 50), 1)} ms; ${warm.rows} rows drawn`,
        ],
        [
          "minute rollups stored",
          rows,
          "rows",
          `${days} days × ${nLoc} locations, seeded in ${seedS.toFixed(0)} s (${Math.round(rows / seedS).toLocaleString("en-US")} rows/s)`,
        ],
      ],
    };
  },
};
