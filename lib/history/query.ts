import type { Db } from "@/lib/store/db";
import { empty, queryRows, sql } from "@/lib/store/sql";
import { gapsOfLocationTenant, samplesOfSource } from "@/lib/store/history";
import {
  buildHistory,
  DAY_MS,
  MINUTE_MS,
  RANGES,
  SHOWN,
  type HistoryResult,
  type RangeName,
  type SampleRow,
} from "./build";
import { CLOSED_AFTER_MS, createClosedDayCache, readClosed } from "./closed-days";
import { epochMs } from "./sql";
import { addDays, startOfDay } from "./tz";
import { onDayBins, readTypical, type TypicalCurve } from "./typical";
import { wallBinsOf, wallDay } from "./wall-clock";

/** "Typical" averages the same weekday over at most this many previous weeks, those with data. */
export const TYPICAL_MAX_WEEKS = 8;

export interface HistoryQuery {
  locationId: string;
  range: RangeName;
  /** Start of the window wanted; default: the window ending now (for "day": today). */
  from?: number;
  /** IANA zone whose calendar days and weeks are meant. */
  tz: string;
  now: number;
}

const ceilTo = (ms: number, step: number) => Math.ceil(ms / step) * step;
const floorTo = (ms: number, step: number) => Math.floor(ms / step) * step;

/** The window [from, to) a query means. */
export function windowFor(q: Pick<HistoryQuery, "range" | "from" | "tz" | "now">): { from: number; to: number } {
  const { spanMs, binMs } = RANGES[q.range];
  if (q.range === "day") {
    const from = startOfDay(q.from ?? q.now, q.tz);
    return { from, to: addDays(from, 1, q.tz) };
  }
  if (q.from !== undefined) {
    const from = floorTo(q.from, binMs);
    return { from, to: from + spanMs };
  }
  const to = ceilTo(q.now + 1, Math.max(binMs, MINUTE_MS));
  return { from: to - spanMs, to };
}

const dbIds = new WeakMap<Db, number>();
let nextDbId = 0;
const dbKey = (db: Db) => {
  let id = dbIds.get(db);
  if (id === undefined) dbIds.set(db, (id = ++nextDbId));
  return id;
};

type Raw = {
  source: string;
  bucket: number | bigint;
  label: string | null;
  min: number | bigint;
  max: number | bigint;
  last: number | bigint;
  sum: number;
  seconds: number;
};

/** Minute rows of a location in [from, to), optionally one source, oldest first. Raw SQL: see ./sql. */
export async function readSamples(
  db: Db,
  locationId: string,
  from: number,
  to: number,
  source?: string,
): Promise<SampleRow[]> {
  const rows = await queryRows<Raw>(
    db,
    sql`
    SELECT "source", ${epochMs(db, "bucket")} AS "bucket", "label", "min", "max", "last", "sum", "seconds"
    FROM "OccupancySample"
    WHERE "locationId" = ${locationId} AND "bucket" >= ${new Date(from)} AND "bucket" < ${new Date(to)} ${source ? sql`AND "source" = ${source}` : empty}
    ORDER BY "bucket", "source"`,
  );
  return rows.map((r) => ({
    source: r.source,
    bucket: Number(r.bucket),
    label: r.label,
    min: Number(r.min),
    max: Number(r.max),
    last: Number(r.last),
    sum: Number(r.sum),
    seconds: Number(r.seconds),
  }));
}

// A day's rows are ~1,440 × sources objects: few of those; typical curves are two arrays of 1,440 numbers.
const closedRows = createClosedDayCache<SampleRow[]>(24);
const typicalCurves = createClosedDayCache<TypicalCurve>(128);

export async function loadHistory(db: Db, q: HistoryQuery): Promise<HistoryResult> {
  const { from, to } = windowFor(q);
  // Keyed by the database too: tests and tools may open several in one process.
  const key = `${dbKey(db)}|${q.locationId}|${from}|${to}|${q.tz}`;
  const rows = await readClosed(closedRows, key, to + CLOSED_AFTER_MS <= q.now, q.now, () =>
    readSamples(db, q.locationId, from, to),
  );
  let typicalCurve: TypicalCurve | undefined;
  if (q.range === "day") {
    const days = Array.from({ length: TYPICAL_MAX_WEEKS }, (_, k) =>
      wallDay(addDays(from, -7 * (k + 1), q.tz), addDays(to, -7 * (k + 1), q.tz), q.tz),
    );
    const { binMs } = RANGES[q.range];
    const byWall = await readClosed(typicalCurves, key, days[0]!.to + CLOSED_AFTER_MS <= q.now, q.now, () =>
      readTypical(db, q.locationId, days, binMs, Math.ceil(DAY_MS / binMs)),
    );
    typicalCurve = onDayBins(
      byWall,
      wallBinsOf(wallDay(from, to, q.tz), binMs, Math.max(1, Math.ceil((to - from) / binMs))),
    );
  }
  const gaps = await readGaps(db, q.locationId, from, to);
  return buildHistory({
    locationId: q.locationId,
    range: q.range,
    from,
    to,
    rows,
    typicalCurve,
    gaps,
    timeZone: q.tz,
    now: q.now,
  });
}

/** Data gaps of the location's tenant overlapping [from, to): every location of a tenant shares its stream. */
export async function readGaps(
  db: Db,
  locationId: string,
  from: number,
  to: number,
): Promise<Array<{ from: number; to: number }>> {
  const rows = await gapsOfLocationTenant(db, locationId, new Date(from), new Date(to));
  return rows.map((g) => ({ from: g.from.getTime(), to: g.to.getTime() }));
}

/** Last hour of the shown series for many locations at once (the overview's sparklines), by id. */
export async function recentShown(
  db: Db,
  locationIds: string[],
  now: number,
  spanMs = 60 * MINUTE_MS,
): Promise<Record<string, Array<[t: number, avg: number]>>> {
  if (!locationIds.length) return {};
  const rows = await samplesOfSource(db, locationIds, SHOWN, new Date(now - spanMs));
  const out: Record<string, Array<[number, number]>> = {};
  for (const r of rows)
    (out[r.locationId] ??= []).push([
      r.bucket.getTime(),
      Math.round((r.seconds > 0 ? r.sum / r.seconds : r.last) * 10) / 10,
    ]);
  return out;
}
