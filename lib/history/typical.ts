import { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/lib/store/db";
import { SHOWN } from "./build";
import { epochMs } from "./sql";

// The "typical same weekday" curve summed in the database: per bin, the sum and count of the shown
// minute averages over the previous weeks' windows. Reading those weeks' rows instead (8 × 1,440)
// made Prisma build ~11,500 objects per request, most of a day view's time.

export interface TypicalCurve {
  /** Starts of the windows with any shown row inside the day's bins, newest first (as asked). */
  weekStarts: number[];
  /** Per bin of the day: sum of each held week's average, and how many weeks had that bin. */
  sums: number[];
  counts: number[];
}

/**
 * Sums the shown series of `windows` bin by bin, a bin being `binMs` from each window's own start
 * (so a 23- or 25-hour day lines up by elapsed time, as `buildHistory` bins it); bins past `bins` are
 * left out. One grouped range query per window (the primary key serves each), plus a tiny EXISTS each.
 */
export async function readTypical(db: Db, locationId: string, windows: Array<{ from: number; to: number }>, binMs: number, bins: number): Promise<TypicalCurve> {
  // Bins are never negative (rows start at the window's start), so integer division by truncation
  // is the floor; FLOOR spells it out for PostgreSQL's numeric.
  const ms = epochMs(db, "bucket");
  const bin = (from: number) => Prisma.sql`CAST(FLOOR((${ms} - ${from}) / ${binMs}) AS INTEGER)`;
  const ranges = windows.map((w) => ({ from: w.from, lim: new Date(Math.min(w.to, w.from + bins * binMs)), start: new Date(w.from) }));
  const inWindow = (r: (typeof ranges)[number]) =>
    Prisma.sql`"locationId" = ${locationId} AND "source" = ${SHOWN} AND "bucket" >= ${r.start} AND "bucket" < ${r.lim}`;
  const perWeek = ranges.map(
    (r) => Prisma.sql`SELECT ${bin(r.from)} AS "bin",
      CASE WHEN "seconds" > 0 THEN "sum" / "seconds" ELSE "last" END AS "v"
      FROM "OccupancySample" WHERE ${inWindow(r)}`,
  );
  const held = ranges.map((r, k) => Prisma.sql`SELECT CAST(${k} AS INTEGER) AS "k" WHERE EXISTS (SELECT 1 FROM "OccupancySample" WHERE ${inWindow(r)})`);
  const sums = new Array<number>(bins).fill(0);
  const counts = new Array<number>(bins).fill(0);
  if (!windows.length) return { weekStarts: [], sums, counts };
  const [binRows, heldRows] = await Promise.all([
    db.$queryRaw<Array<{ bin: number | bigint; s: number; n: number | bigint }>>`SELECT "bin", SUM("v") AS "s", COUNT(*) AS "n" FROM (${Prisma.join(perWeek, " UNION ALL ")}) AS w GROUP BY "bin"`,
    db.$queryRaw<Array<{ k: number | bigint }>>`${Prisma.join(held, " UNION ALL ")}`,
  ]);
  for (const r of binRows) {
    const b = Number(r.bin);
    if (b < 0 || b >= bins) continue;
    sums[b] = Number(r.s);
    counts[b] = Number(r.n);
  }
  const weeks = new Set(heldRows.map((r) => Number(r.k)));
  return { weekStarts: windows.filter((_, k) => weeks.has(k)).map((w) => w.from), sums, counts };
}
