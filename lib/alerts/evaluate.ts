import { effectiveTarget, type Thresholds } from "./level";

// Threshold crossings with hysteresis: a level is entered at its threshold and left only once the
// count falls a margin below it, so a room hovering at its limit raises one alert, not one a minute.

export type AlertLevel = "ok" | "busy" | "full";

/** How far below a threshold a count must fall to leave the level: 5% of it, at least one person. */
export const hysteresisMargin = (threshold: number) => Math.max(1, Math.ceil(threshold * 0.05));

export function nextLevel(current: AlertLevel, count: number, t: Thresholds): AlertLevel {
  const cap = t.capacity !== null && t.capacity > 0 ? t.capacity : null;
  const target = effectiveTarget(t);
  const atFull = cap !== null && count >= cap;
  const atBusy = target !== null && count >= target;
  if (atFull) return "full";
  if (current === "full" && cap !== null && count > cap - hysteresisMargin(cap)) return "full";
  if (atBusy) return "busy";
  if (current !== "ok" && target !== null && count > target - hysteresisMargin(target)) return "busy";
  return "ok";
}

export interface Reading extends Thresholds {
  locationId: string;
  count: number;
  /** Event time of the count, ms. */
  at: number;
}

export interface AlertEvent {
  kind: "raised" | "cleared";
  level: Exclude<AlertLevel, "ok">;
  locationId: string;
  count: number;
  at: number;
}

/** New levels for the readings given, and what changed; locations not read keep their level. */
export function evaluate(
  levels: ReadonlyMap<string, AlertLevel>,
  readings: Reading[],
): { levels: Map<string, AlertLevel>; events: AlertEvent[] } {
  const out = new Map(levels);
  const events: AlertEvent[] = [];
  for (const r of readings) {
    const before = out.get(r.locationId) ?? "ok";
    const after = nextLevel(before, r.count, r);
    if (after === before) continue;
    out.set(r.locationId, after);
    if (before !== "ok")
      events.push({ kind: "cleared", level: before, locationId: r.locationId, count: r.count, at: r.at });
    if (after !== "ok")
      events.push({ kind: "raised", level: after, locationId: r.locationId, count: r.count, at: r.at });
  }
  return { levels: out, events };
}
