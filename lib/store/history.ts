import type { Db } from "./db";

// The plain reads behind history and time travel (lib/history builds charts, frames and the raw-SQL
// aggregates from them). Every read is of one location or a given list: callers checked the scope.

export interface SampleRecord {
  locationId: string;
  bucket: Date;
  label: string | null;
  min: number;
  max: number;
  last: number;
  sum: number;
  seconds: number;
}

/** Rows of one source for these locations with bucket in [from, to], oldest first. */
export async function samplesOfSource(
  db: Db,
  locationIds: string[],
  source: string,
  from: Date,
  to?: Date,
): Promise<SampleRecord[]> {
  return db.occupancySample.findMany({
    where: { locationId: { in: locationIds }, source, bucket: { gte: from, ...(to ? { lte: to } : {}) } },
    select: { locationId: true, bucket: true, label: true, min: true, max: true, last: true, sum: true, seconds: true },
    orderBy: { bucket: "asc" },
  });
}

/** The data gaps of the location's tenant overlapping [from, to), oldest first. */
export async function gapsOfLocationTenant(
  db: Db,
  locationId: string,
  from: Date,
  to: Date,
): Promise<Array<{ from: Date; to: Date }>> {
  const loc = await db.location.findUnique({ where: { id: locationId }, select: { tenantId: true } });
  if (!loc) return [];
  return db.dataGap.findMany({
    where: { tenantId: loc.tenantId, from: { lt: to }, to: { gt: from } },
    orderBy: { from: "asc" },
    select: { from: true, to: true },
  });
}

/** The newest position sample of a floor in [from, to]. */
export async function latestPositionSample(
  db: Db,
  floorId: string,
  from: Date,
  to: Date,
): Promise<{ at: Date; points: string } | null> {
  return db.positionSample.findFirst({
    where: { locationId: floorId, at: { lte: to, gte: from } },
    orderBy: { at: "desc" },
    select: { at: true, points: true },
  });
}

/** Oldest and newest position sample and shown-count minute of a floor. */
export async function recordedBounds(db: Db, floorId: string, shown: string) {
  const [p0, p1, s0, s1] = await Promise.all([
    db.positionSample.findFirst({ where: { locationId: floorId }, orderBy: { at: "asc" }, select: { at: true } }),
    db.positionSample.findFirst({ where: { locationId: floorId }, orderBy: { at: "desc" }, select: { at: true } }),
    db.occupancySample.findFirst({
      where: { locationId: floorId, source: shown },
      orderBy: { bucket: "asc" },
      select: { bucket: true },
    }),
    db.occupancySample.findFirst({
      where: { locationId: floorId, source: shown },
      orderBy: { bucket: "desc" },
      select: { bucket: true },
    }),
  ]);
  return { firstPosition: p0?.at, lastPosition: p1?.at, firstMinute: s0?.bucket, lastMinute: s1?.bucket };
}

/** The location and the ids of those directly under it, or null when it does not exist. */
export async function locationWithChildren(db: Db, id: string): Promise<string[] | null> {
  const loc = await db.location.findUnique({ where: { id }, select: { id: true } });
  if (!loc) return null;
  const children = await db.location.findMany({ where: { parentId: id }, select: { id: true } });
  return [loc.id, ...children.map((c) => c.id)];
}
