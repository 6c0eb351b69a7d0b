import { buildingOf } from "./counts";
import { estimate, NO_ESTIMATE, type Estimate } from "./estimate";
import { MAX_DEPTH } from "./hierarchy";
import { FRESHNESS_STEP_MS } from "./rules";
import { freshBySource, freshReadings } from "./sources";
import type { EngineState } from "./state";
import { SOURCES, type LocationType, type Occupancy, type Source } from "./types";

// The hierarchy roll-up: each location's estimate from its own readings and its children's estimates
// (estimate.ts), cached until something under it changes, and the counts a drain sends.

/** The number and its evidence, without the engine's working values. */
export function publicOf(c: Estimate): Occupancy {
  const { value: _value, tracked: _tracked, wifi: _wifi, ...shown } = c;
  return shown;
}

/** What a drained count is compared by: any change in the number or its evidence is sent. */
const keyOf = (o: Occupancy) =>
  `${o.count}|${o.source}|${o.rollup}|${o.mixed}|${o.devices}|${o.ratio}|${o.learned}|${o.parts}|${o.partType}|${o.atLeast}|${o.covered}|${o.emptySince}`;

export function compute(s: EngineState, id: string, depth = 0): Estimate {
  const hit = s.cache.get(id);
  if (hit) return hit;
  const r = s.reports.get(id);
  const children: Estimate[] = [];
  let childType: LocationType | null | undefined;
  if (depth < MAX_DEPTH) {
    for (const child of s.tree.children(id)) {
      const c = compute(s, child, depth + 1);
      if (c.source === null) continue;
      children.push(c);
      const type = s.tree.get(child)!.type;
      childType = childType === undefined || childType === type ? type : null;
    }
  }
  const out = estimate({
    own: r ? freshReadings(r, s.clock, s.freshMs) : {},
    ratio: s.ratios.at(buildingOf(s, id), s.clock),
    here: s.direct.get(id) ?? 0,
    activity: s.activity.get(id),
    children,
    childType: childType ?? null,
  });
  s.cache.set(id, out);
  return out;
}

export function occupancyOf(s: EngineState, id: string): Occupancy {
  return publicOf(s.tree.get(id) ? compute(s, id) : NO_ESTIMATE);
}

/** Every source's count at the location on its own: its own fresh report, else the sum of its children's. */
export function sourceCounts(s: EngineState, id: string, depth = 0): Partial<Record<Source, number>> {
  const r = s.reports.get(id);
  const out = r ? freshBySource(r, s.clock, s.freshMs) : {};
  const fromChildren: Partial<Record<Source, number>> = {};
  if (depth < MAX_DEPTH) {
    for (const child of s.tree.children(id)) {
      for (const [src, n] of Object.entries(sourceCounts(s, child, depth + 1)) as Array<[Source, number]>)
        fromChildren[src] = (fromChildren[src] ?? 0) + n;
    }
  }
  const here = s.direct.get(id) ?? 0;
  if (here > 0 && out.wifi_devices === undefined) fromChildren.wifi_devices = (fromChildren.wifi_devices ?? 0) + here;
  for (const src of SOURCES)
    if (out[src] === undefined && fromChildren[src] !== undefined) out[src] = fromChildren[src];
  return out;
}

/** The counts of marked locations that changed since they were last sent. */
export function drainCounts(s: EngineState): Record<string, Occupancy> {
  const counts: Record<string, Occupancy> = {};
  for (const id of s.pending.counts) {
    if (!s.tree.get(id)) continue;
    const o = publicOf(compute(s, id));
    const key = keyOf(o);
    const last = s.emitted.get(id);
    // Unchanged numbers are re-sent only as their age advances, so freshness stays true and cheap.
    if (last && last.key === key && (o.at === null || last.at === null || o.at - last.at < FRESHNESS_STEP_MS)) continue;
    s.emitted.set(id, { key, at: o.at });
    counts[id] = o;
  }
  s.pending.counts.clear();
  return counts;
}
