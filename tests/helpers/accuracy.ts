// Shown counts against the simulator's ground truth: absolute percentage errors per level, and
// hierarchy inversions (a parent showing fewer people than one of its children). Pure: no I/O.
//
// How a sample is judged:
// - APE = |shown − truth| / truth, for samples whose truth is at least `minTruth` people (default 1
//   for buildings and floors, 5 for zones). A percentage of a handful of people says little (1 shown
//   for 2 is −50 %), so smaller truths are judged by their absolute error instead (`mae`).
// - truth = 0 has no percentage at all: such a sample counts as a "phantom" when the app shows
//   anyone there, and enters the absolute error.
// - a location the app shows no number for while people are there counts as shown 0 (APE 100 %)
//   and as `missing`.
import { percentile } from "./percentile";

export type Level = "building" | "floor" | "zone";
export const LEVELS: readonly Level[] = ["building", "floor", "zone"];

export interface TruthLocation {
  id: string;
  name: string;
  level: Level;
  /** People really there. */
  people: number;
  /** Zones: it has its own camera or Webex people count (only those enter the zone MAPE). */
  peopleSource: boolean;
}

/** What the app shows at one moment: each location's number (null: no number shown) and its parent. */
export interface ShownMoment {
  counts: Record<string, number | null>;
  parents: Record<string, string | null>;
}

export interface SampleError {
  id: string;
  name: string;
  level: Level;
  /** Buildings and floors always; zones with their own camera or Webex count. */
  peopleSource: boolean;
  truth: number;
  shown: number | null;
  /** Absolute percentage error (0.25 = 25 %); null when the truth is below the level's minimum. */
  ape: number | null;
}

export interface Inversion {
  parentId: string;
  childId: string;
  parent: number;
  child: number;
}

export interface MomentComparison {
  at: number;
  errors: SampleError[];
  inversions: Inversion[];
}

export interface CompareOptions {
  /** Smallest truth that gets a percentage, per level. */
  minTruth?: Partial<Record<Level, number>>;
}

const MIN_TRUTH: Record<Level, number> = { building: 1, floor: 1, zone: 5 };

export function compareMoment(
  at: number,
  truth: readonly TruthLocation[],
  shown: ShownMoment,
  o: CompareOptions = {},
): MomentComparison {
  const min = { ...MIN_TRUTH, ...o.minTruth };
  const errors: SampleError[] = [];
  for (const t of truth) {
    const s = shown.counts[t.id];
    const value = s === undefined ? null : s;
    const ape = t.people >= min[t.level] && t.people > 0 ? Math.abs((value ?? 0) - t.people) / t.people : null;
    errors.push({
      id: t.id,
      name: t.name,
      level: t.level,
      peopleSource: t.peopleSource,
      truth: t.people,
      shown: value,
      ape,
    });
  }
  return { at, errors, inversions: inversionsOf(shown) };
}

/** Every (parent, child) pair whose parent shows fewer people than the child. */
export function inversionsOf(shown: ShownMoment): Inversion[] {
  const out: Inversion[] = [];
  for (const [childId, parentId] of Object.entries(shown.parents)) {
    if (!parentId) continue;
    const child = shown.counts[childId];
    const parent = shown.counts[parentId];
    if (child === null || child === undefined || parent === null || parent === undefined) continue;
    if (parent < child) out.push({ parentId, childId, parent, child });
  }
  return out;
}

export interface LevelSummary {
  /** Samples with a percentage. */
  samples: number;
  /** Mean and 90th percentile of the APE, in percent; null with no samples. */
  mape: number | null;
  p90: number | null;
  /** Mean absolute error in people over every sample (percentages or not). */
  mae: number | null;
  /** Samples whose truth was below the level's minimum (judged by absolute error only). */
  small: number;
  /** Truth 0 and a number above 0 shown. */
  phantoms: number;
  /** People there and no number shown. */
  missing: number;
}

export interface AccuracySummary {
  levels: Record<Level, LevelSummary>;
  moments: number;
  inversions: number;
}

/** Zones without a people source of their own are left out unless `allZones` (a Wi-Fi room is judged apart). */
export function summarize(moments: readonly MomentComparison[], o: { allZones?: boolean } = {}): AccuracySummary {
  const levels = {} as Record<Level, LevelSummary>;
  for (const level of LEVELS) {
    const errs = moments.flatMap((m) => m.errors.filter((e) => e.level === level && (e.peopleSource || o.allZones)));
    const apes = errs.flatMap((e) => (e.ape === null ? [] : [e.ape * 100]));
    levels[level] = {
      samples: apes.length,
      mape: apes.length ? apes.reduce((a, b) => a + b, 0) / apes.length : null,
      p90: percentile(apes, 90),
      mae: errs.length ? errs.reduce((a, e) => a + Math.abs((e.shown ?? 0) - e.truth), 0) / errs.length : null,
      small: errs.filter((e) => e.ape === null).length,
      phantoms: errs.filter((e) => e.truth === 0 && (e.shown ?? 0) > 0).length,
      missing: errs.filter((e) => e.truth > 0 && e.shown === null).length,
    };
  }
  return { levels, moments: moments.length, inversions: moments.reduce((n, m) => n + m.inversions.length, 0) };
}

/** The worst samples by APE (for a report: where the error comes from). */
export function worst(moments: readonly MomentComparison[], level: Level, n = 3): Array<SampleError & { at: number }> {
  return moments
    .flatMap((m) =>
      m.errors.filter((e) => e.level === level && e.peopleSource && e.ape !== null).map((e) => ({ ...e, at: m.at })),
    )
    .sort((a, b) => b.ape! - a.ape!)
    .slice(0, n);
}

/** The simulator's /admin/world and /admin/occupancy answers, as far as the comparison reads them. */
export interface SimWorld {
  locations: Array<{ locationId: string; name: string; type: string }>;
  zones: Array<{ locationId: string; cameras: string[]; webexDeviceId: string | null }>;
}

export interface SimOccupancy {
  timestamp: number;
  buildings: Array<{ locationId: string; people: number }>;
  floors: Array<{ locationId: string; people: number }>;
  zones: Array<{ locationId: string; people: number }>;
}

/** The truth of one /admin/occupancy answer, with names and levels from /admin/world. */
export function truthOf(world: SimWorld, occ: SimOccupancy): TruthLocation[] {
  const name = new Map(world.locations.map((l) => [l.locationId, l.name]));
  const sourced = new Set(
    world.zones.filter((z) => z.cameras.length > 0 || z.webexDeviceId !== null).map((z) => z.locationId),
  );
  const of = (level: Level, rows: Array<{ locationId: string; people: number }>) =>
    rows.map((r) => ({
      id: r.locationId,
      name: name.get(r.locationId) ?? r.locationId,
      level,
      people: r.people,
      peopleSource: level !== "zone" || sourced.has(r.locationId),
    }));
  return [...of("building", occ.buildings), ...of("floor", occ.floors), ...of("zone", occ.zones)];
}
