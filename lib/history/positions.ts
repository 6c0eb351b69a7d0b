import { z } from "zod";
import { parseStoredJson } from "@/lib/maps/stored-json";
import type { DevicePoint } from "@/lib/occupancy/types";
import type { Db } from "@/lib/store/db";
import { latestPositionSample, locationWithChildren, recordedBounds, samplesOfSource } from "@/lib/store/history";
import { MINUTE_MS, SHOWN } from "./build";

// Time travel: where devices were on a floor, and what every count read, at a past moment.

/** A position sample older than this before the moment asked is not taken to describe it. */
export const POSITION_LOOKBACK_MS = 60 * MINUTE_MS;

const pointsSchema = z.array(z.tuple([z.number().int(), z.number(), z.number()]));

export interface PositionsAt {
  /** When the positions shown were recorded (event time); null when none were near the moment. */
  sampleAt: number | null;
  points: DevicePoint[];
}

export async function positionsAt(db: Db, floorId: string, at: number): Promise<PositionsAt> {
  const row = await latestPositionSample(db, floorId, new Date(at - POSITION_LOOKBACK_MS), new Date(at));
  if (!row) return { sampleAt: null, points: [] };
  // An unreadable row shows as no positions.
  const points: DevicePoint[] = parseStoredJson(pointsSchema, row.points, []);
  return { sampleAt: row.at.getTime(), points };
}

export interface CountAt {
  /** Start of the minute the figures describe. */
  minute: number;
  /** Time-weighted average over that minute, rounded to a whole person. */
  count: number;
  min: number;
  max: number;
  label: string | null;
}

/** The shown count of each location in the minute containing `at` (or the newest of the 2 minutes before). */
export async function countsAt(db: Db, locationIds: string[], at: number): Promise<Record<string, CountAt>> {
  if (!locationIds.length) return {};
  const minute = at - (at % MINUTE_MS);
  const rows = await samplesOfSource(db, locationIds, SHOWN, new Date(minute - 2 * MINUTE_MS), new Date(minute));
  const out: Record<string, CountAt> = {};
  for (const r of rows) {
    out[r.locationId] = {
      minute: r.bucket.getTime(),
      count: Math.round(r.seconds > 0 ? r.sum / r.seconds : r.last),
      min: r.min,
      max: r.max,
      label: r.label,
    };
  }
  return out;
}

/**
 * The span time travel can show for a floor: its oldest and newest recorded moment, never reaching
 * further back than positions are kept (`retentionMs` before the newest of now and the latest record).
 */
export async function retainedSpan(
  db: Db,
  floorId: string,
  o: { retentionMs?: number; now?: number } = {},
): Promise<{ earliest: number | null; latest: number | null }> {
  const b = await recordedBounds(db, floorId, SHOWN);
  const times = (xs: Array<number | undefined>) => xs.filter((x): x is number => x !== undefined);
  const starts = times([b.firstPosition?.getTime(), b.firstMinute?.getTime()]);
  const ends = times([b.lastPosition?.getTime(), b.lastMinute ? b.lastMinute.getTime() + MINUTE_MS : undefined]);
  const latest = ends.length ? Math.max(...ends) : null;
  let earliest = starts.length ? Math.min(...starts) : null;
  if (earliest !== null && o.retentionMs !== undefined)
    earliest = Math.max(earliest, Math.max(o.now ?? Date.now(), latest ?? 0) - o.retentionMs);
  return { earliest, latest };
}

export interface TimeTravelFrame extends PositionsAt {
  floorId: string;
  at: number;
  /** Shown counts at that minute: the floor's and those of the locations directly under it. */
  counts: Record<string, CountAt>;
  span: { earliest: number | null; latest: number | null };
}

export async function timeTravelFrame(
  db: Db,
  floorId: string,
  at: number,
  o: { retentionMs?: number } = {},
): Promise<TimeTravelFrame | null> {
  const ids = await locationWithChildren(db, floorId);
  if (!ids) return null;
  const [pos, counts, span] = await Promise.all([
    positionsAt(db, floorId, at),
    countsAt(db, ids, at),
    retainedSpan(db, floorId, o),
  ]);
  return { floorId, at, ...pos, counts, span };
}
