// Which floors get a position sample (time travel) at a flush. A floor whose devices moved gets one at
// most every `everyMs`. A floor sampled before also gets a keyframe every `keyframeMs` even when
// nothing moved (it emptied, or its devices went quiet): otherwise retention would delete the only
// sample describing it, and time travel would say "no positions recorded" for a moment it does know.

export interface SampleTiming {
  /** Least event time between two samples of a floor whose devices move. */
  everyMs: number;
  /** Most event time between two samples of a floor sampled before, moving or not. */
  keyframeMs: number;
}

/** Floors to sample at event time `at`; takes them out of `moved` and records `at` in `last`. */
export function floorsToSample(moved: Set<string>, last: Map<string, number>, at: number, t: SampleTiming): string[] {
  const out: string[] = [];
  for (const floorId of moved) {
    if (at - (last.get(floorId) ?? 0) < t.everyMs) continue;
    moved.delete(floorId);
    out.push(floorId);
  }
  for (const [floorId, prev] of last) if (!out.includes(floorId) && at - prev >= t.keyframeMs) out.push(floorId);
  for (const floorId of out) last.set(floorId, at);
  return out;
}
