import { Prisma } from "@/generated/prisma/client";
import type { Slot } from "@/lib/insights/figures";
import { SLOT_MS } from "@/lib/time/working-hours";
import type { Db } from "./db";
import { epochMs } from "./sql";

// The insights reads. A month of minutes for a hundred locations is 4.3 million rows: the database
// sums them per location and quarter hour (UTC quarter hours are local quarter hours in every zone),
// and only occupied minutes of rooms come back one by one, for their meetings.

const SHOWN = "shown";

type RawSlot = {
  locationId: string;
  slot: number | bigint;
  n: number | bigint;
  s: number;
  sec: number;
  mx: number | bigint;
  used: number | bigint;
  full: number | bigint;
};

/** Quarter-hour sums of the shown series of `locationIds` in [from, to); `from` is a quarter hour. */
export async function readSlots(db: Db, locationIds: string[], from: number, to: number): Promise<Slot[]> {
  if (!locationIds.length || to <= from) return [];
  const ms = epochMs(db, "bucket");
  const rows = await db.$queryRaw<RawSlot[]>`
    SELECT o."locationId" AS "locationId", CAST(FLOOR((${ms} - ${from}) / ${SLOT_MS}) AS INTEGER) AS "slot",
      COUNT(*) AS "n", SUM(o."sum") AS "s", SUM(o."seconds") AS "sec", MAX(o."max") AS "mx",
      SUM(CASE WHEN o."max" > 0 THEN 1 ELSE 0 END) AS "used",
      SUM(CASE WHEN l."capacity" IS NOT NULL AND o."max" >= l."capacity" THEN 1 ELSE 0 END) AS "full"
    FROM "OccupancySample" o JOIN "Location" l ON l."id" = o."locationId"
    WHERE o."locationId" IN (${Prisma.join(locationIds)}) AND o."source" = ${SHOWN}
      AND o."bucket" >= ${new Date(from)} AND o."bucket" < ${new Date(to)}
    GROUP BY o."locationId", "slot"`;
  return rows.map((r) => ({
    locationId: r.locationId,
    t: from + Number(r.slot) * SLOT_MS,
    minutes: Number(r.n),
    sum: Number(r.s),
    seconds: Number(r.sec),
    max: Number(r.mx),
    used: Number(r.used),
    full: Number(r.full),
  }));
}

/** Occupied minutes (maximum above zero) of the shown series of `locationIds` in [from, to), by location, oldest first. */
export async function readOccupiedMinutes(
  db: Db,
  locationIds: string[],
  from: number,
  to: number,
): Promise<Map<string, Array<{ t: number; max: number }>>> {
  const out = new Map<string, Array<{ t: number; max: number }>>();
  if (!locationIds.length || to <= from) return out;
  const rows = await db.$queryRaw<Array<{ locationId: string; t: number | bigint; max: number | bigint }>>`
    SELECT "locationId", ${epochMs(db, "bucket")} AS "t", "max" FROM "OccupancySample"
    WHERE "locationId" IN (${Prisma.join(locationIds)}) AND "source" = ${SHOWN} AND "max" > 0
      AND "bucket" >= ${new Date(from)} AND "bucket" < ${new Date(to)}
    ORDER BY "locationId", "bucket"`;
  for (const r of rows) {
    let list = out.get(r.locationId);
    if (!list) out.set(r.locationId, (list = []));
    list.push({ t: Number(r.t), max: Number(r.max) });
  }
  return out;
}

/** Each location's own IANA zone, where it has one. */
export async function readTimeZones(db: Db, tenantId: string): Promise<Map<string, string>> {
  const rows = await db.location.findMany({
    where: { tenantId, timeZone: { not: null } },
    select: { id: true, timeZone: true },
  });
  return new Map(rows.map((r) => [r.id, r.timeZone!]));
}
