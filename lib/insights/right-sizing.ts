import type { LocationFigures } from "./figures";
import { isWorking, localClock, type WorkingHours } from "./hours";

// Right-sizing rules over the utilization figures and each room's meetings. Pure; every suggestion
// carries its evidence and the rule that fired, so the page shows the reasoning, not a verdict.

const MINUTE_MS = 60_000;

export interface RightSizingSettings {
  /** Runs of occupied minutes shorter than this are people passing through, not meetings. */
  minMeetingMinutes: number;
  /** Empty minutes inside a run that still count as the same meeting (a sensor blinking). */
  meetingGapMinutes: number;
  /** A room needs at least this many meetings before it is judged. */
  minMeetings: number;
  /** Which share of meetings the group size must cover, in percent (95: "95 % of meetings ≤ n people"). */
  groupPercentile: number;
  /** Oversized when that group size is at or under this share of capacity. */
  oversizedShare: number;
  /** Too small when at or over capacity for more than this share of working minutes with data. */
  fullShare: number;
  /** A floor whose peak stays under this share of capacity is a consolidation candidate. */
  floorPeakShare: number;
  /** Hours of working-time data a location needs before any rule judges it. */
  minDataHours: number;
}

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
export function findMeetings(occupied: Array<{ t: number; max: number }>, tz: string, hours: WorkingHours, s: Pick<RightSizingSettings, "minMeetingMinutes" | "meetingGapMinutes">): Meeting[] {
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

export interface GroupStats {
  meetings: number;
  /** `groupPercentile` percent of meetings had this many people or fewer. */
  groupSize: number | null;
  largest: number | null;
}

export const groupStats = (meetings: Meeting[], p: number): GroupStats => ({
  meetings: meetings.length,
  groupSize: percentile(meetings.map((m) => m.size), p),
  largest: meetings.length ? Math.max(...meetings.map((m) => m.size)) : null,
});

export type Suggestion =
  | { kind: "oversized"; locationId: string; name: string; capacity: number; evidence: GroupStats; reason: string; rule: string }
  | { kind: "often_full"; locationId: string; name: string; capacity: number; evidence: { fullShare: number; dataMinutes: number }; reason: string; rule: string }
  | { kind: "consolidate_floor"; locationId: string; name: string; capacity: number; evidence: { peak: number; peakShare: number; average: number | null }; reason: string; rule: string };

const pct = (v: number) => `${Math.round(v * 100)} %`;
const people = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;
const hoursOf = (min: number) => `${Math.round((min / 60) * 10) / 10} h`;

/** The suggestions the rules make, rooms first (oversized, then too small), then floors. */
export function suggestRightSizing(figures: LocationFigures[], groups: Record<string, GroupStats>, s: RightSizingSettings): Suggestion[] {
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
        reason: `Never more than ${people(f.peak)} at once, ${pct(peakShare)} of its ${f.capacity} places${f.average !== null ? `; ${f.average} on average` : ""}.`,
        rule: `The peak in working hours stays under ${pct(s.floorPeakShare)} of capacity: its people would fit on another floor.`,
      });
    }
  }
  return [...oversized, ...full, ...floors];
}
