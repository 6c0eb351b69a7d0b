import type { Db } from "@/lib/store/db";
import { empty, join, queryRows, sql } from "@/lib/store/sql";
import { SHOWN } from "./build";
import { epochMs } from "./sql";
import { repeated, type WallDay } from "./wall-clock";

// The "typical same weekday" curve summed in the database: per bin, the sum and count of the shown
// minute averages over the previous weeks' windows. Reading those weeks' rows instead (8 × 1,440)
// made Prisma build ~11,500 objects per request, most of a day view's time.

export interface TypicalCurve {
  /** Starts of the windows with any shown row inside the day's bins, newest first (as asked). */
  weekStarts: number[];
  /** Per bin: sum of each held week's average, and how many weeks had that bin. */
  sums: number[];
  counts: number[];
}

/**
 * Sums the shown series of the previous weeks' `days` bin by bin, a bin being `binMs` of wall-clock time
 * since each day's local midnight (./wall-clock: 12:30 lines up with 12:30 across a clock change, a
 * repeated hour counts once); bins past `bins` are left out. One grouped range query per day (the
 * primary key serves each), plus a tiny EXISTS each.
 */
export async function readTypical(
  db: Db,
  locationId: string,
  days: WallDay[],
  binMs: number,
  bins: number,
): Promise<TypicalCurve> {
  // Bins are never negative (rows start at the day's start), so integer division by truncation
  // is the floor; FLOOR spells it out for PostgreSQL's numeric.
  const ms = epochMs(db, "bucket");
  const bin = (d: WallDay) =>
    d.change
      ? sql`CAST(FLOOR((${ms} - ${d.from} + CASE WHEN ${ms} >= ${d.change.at} THEN ${d.change.ms} ELSE 0 END) / ${binMs}) AS INTEGER)`
      : sql`CAST(FLOOR((${ms} - ${d.from}) / ${binMs}) AS INTEGER)`;
  const inDay = (d: WallDay) => {
    const rep = repeated(d);
    return sql`"locationId" = ${locationId} AND "source" = ${SHOWN} AND "bucket" >= ${new Date(d.from)} AND "bucket" < ${new Date(d.to)}${
      rep ? sql` AND ("bucket" < ${new Date(rep.from)} OR "bucket" >= ${new Date(rep.to)})` : empty
    }`;
  };
  const perWeek = days.map(
    (d) => sql`SELECT ${bin(d)} AS "bin",
      CASE WHEN "seconds" > 0 THEN "sum" / "seconds" ELSE "last" END AS "v"
      FROM "OccupancySample" WHERE ${inDay(d)}`,
  );
  const held = days.map(
    (d, k) => sql`SELECT CAST(${k} AS INTEGER) AS "k" WHERE EXISTS (SELECT 1 FROM "OccupancySample" WHERE ${inDay(d)})`,
  );
  const sums = new Array<number>(bins).fill(0);
  const counts = new Array<number>(bins).fill(0);
  if (!days.length) return { weekStarts: [], sums, counts };
  const [binRows, heldRows] = await Promise.all([
    queryRows<{ bin: number | bigint; s: number; n: number | bigint }>(
      db,
      sql`SELECT "bin", SUM("v") AS "s", COUNT(*) AS "n" FROM (${join(perWeek, " UNION ALL ")}) AS w GROUP BY "bin"`,
    ),
    queryRows<{ k: number | bigint }>(db, join(held, " UNION ALL ")),
  ]);
  for (const r of binRows) {
    const b = Number(r.bin);
    if (b < 0 || b >= bins) continue;
    sums[b] = Number(r.s);
    counts[b] = Number(r.n);
  }
  const weeks = new Set(heldRows.map((r) => Number(r.k)));
  return { weekStarts: days.filter((_, k) => weeks.has(k)).map((d) => d.from), sums, counts };
}

/** A curve by wall-clock bin, shown on a day's elapsed bins (`wallBins[k]`: the wall bin of bin k). */
export function onDayBins(c: TypicalCurve, wallBins: number[]): TypicalCurve {
  return {
    weekStarts: c.weekStarts,
    sums: wallBins.map((w) => c.sums[w] ?? 0),
    counts: wallBins.map((w) => c.counts[w] ?? 0),
  };
}
