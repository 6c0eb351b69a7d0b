import { isWorking, localClock, type WorkingHours } from "./hours";
import type { GroupStats, LocationFigures, RightSizingSettings, Suggestion } from "./schema";

export type { GroupStats, RightSizingSettings, Suggestion };

// Right-sizing rules over the utilization figures and each room's meetings. Pure; every suggestion
// carries its evidence and the rule that fired, so the page shows the reasoning, not a verdict.

const MINUTE_MS = 60_000;

export interface Meeting {
  start: number;
  /** Minutes from the first to the last occupied minute, inclusive. */
  minutes: number;
  /** Largest count at any moment of the meeting: the group size. */
  size: number;
}

/**
 * Meetings from a room's occupied minutes (the minute's maximum above zero), oldest first: a run of
 * occupied working minutes, allowing `meetingGapMinutes` empty or missing minutes inside.
 */
export function findMeetings(
  occupied: Array<{ t: number; max: number }>,
  tz: string,
  hours: WorkingHours,
  s: Pick<RightSizingSettings, "minMeetingMinutes" | "meetingGapMinutes">,
): Meeting[] {
  const clock = localClock(tz);
  const out: Meeting[] = [];
  let cur: { start: number; last: number; size: number } | null = null;
  const close = () => {
    if (!cur) return;
    const minutes = (cur.last - cur.start) / MINUTE_MS + 1;
    if (minutes >= s.minMeetingMinutes) out.push({ start: cur.start, minutes, size: cur.size });
    cur = null;
  };
  for (const m of occupied) {
    if (m.max <= 0 || !isWorking(hours, clock(m.t))) continue;
    if (cur && m.t - cur.last <= (s.meetingGapMinutes + 1) * MINUTE_MS) {
      cur.last = m.t;
      cur.size = Math.max(cur.size, m.max);
    } else {
      close();
      cur = { start: m.t, last: m.t, size: m.max };
    }
  }
  close();
  return out;
}

/** Nearest-rank percentile: the smallest value at or above `p` percent of the values. */
export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const groupStats = (meetings: Meeting[], p: number): GroupStats => ({
  meetings: meetings.length,
  groupSize: percentile(
    meetings.map((m) => m.size),
    p,
  ),
  largest: meetings.length ? Math.max(...meetings.map((m) => m.size)) : null,
});

const pct = (v: number) => `${Math.round(v * 100)} %`;
const people = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;
const hoursOf = (min: number) => `${Math.round((min / 60) * 10) / 10} h`;

/** The suggestions the rules make, rooms first (oversized, then too small), then floors. */
export function suggestRightSizing(
  figures: LocationFigures[],
  groups: Record<string, GroupStats>,
  s: RightSizingSettings,
): Suggestion[] {
  const enough = (f: LocationFigures) => f.dataMinutes >= s.minDataHours * 60;
  const oversized: Suggestion[] = [];
  const full: Suggestion[] = [];
  const floors: Suggestion[] = [];
  for (const f of figures) {
    if (!f.capacity || !enough(f)) continue;
    if (f.type === "ZONE") {
      const g = groups[f.id];
      if (g && g.meetings >= s.minMeetings && g.groupSize !== null && g.groupSize <= s.oversizedShare * f.capacity) {
        oversized.push({
          kind: "oversized",
          locationId: f.id,
          name: f.name,
          capacity: f.capacity,
          evidence: g,
          reason: `${f.capacity} seats; ${s.groupPercentile} % of ${g.meetings} meetings had ${people(g.groupSize)} or fewer (largest: ${people(g.largest ?? 0)}).`,
          rule: `The ${s.groupPercentile}th-percentile group is at or under ${pct(s.oversizedShare)} of capacity (${Math.floor(s.oversizedShare * f.capacity)} of ${f.capacity}), over at least ${s.minMeetings} meetings of ${s.minMeetingMinutes} min or more.`,
        });
      }
      if (f.fullShare !== null && f.fullShare > s.fullShare) {
        full.push({
          kind: "often_full",
          locationId: f.id,
          name: f.name,
          capacity: f.capacity,
          evidence: { fullShare: f.fullShare, dataMinutes: f.dataMinutes },
          reason: `At or over its ${f.capacity} seats for ${pct(f.fullShare)} of ${hoursOf(f.dataMinutes)} of working time with data.`,
          rule: `Full for more than ${pct(s.fullShare)} of working time.`,
        });
      }
    }
    if (f.type === "FLOOR" && f.peak !== null && f.peak < s.floorPeakShare * f.capacity) {
      const peakShare = f.peak / f.capacity;
      floors.push({
        kind: "consolidate_floor",
        locationId: f.id,
        name: f.name,
        capacity: f.capacity,
        evidence: { peak: f.peak, peakShare: Math.round(peakShare * 1000) / 1000, average: f.average },
        reason: `Never more than ${people(f.peak)} at once, ${pct(peakShare)} of its ${f.capacity} places${f.average !== null ? `; ${Math.round(f.average * 10) / 10} on average` : ""}.`,
        rule: `The peak in working hours stays under ${pct(s.floorPeakShare)} of capacity: its people would fit on another floor.`,
      });
    }
  }
  return [...oversized, ...full, ...floors];
}
