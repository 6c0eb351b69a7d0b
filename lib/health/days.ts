import { COMPONENTS, isComponent, isStatus, worstStatus, type Component, type Status } from "./types";

// Day-by-day status from the minute checks. Pure: the rows and the clock come in, the grid goes out.
// Checks are recorded for every component in the same minute, so the recorded minutes (one list)
// plus the rows that were not "up" describe the whole history; a run of missing minutes is a time
// the app was not running, which counts as down.

export const MINUTE = 60_000;
export const DAY = 86_400_000;
/** Missing minutes shorter than this are a restart or timer drift, not an outage. */
export const GAP_GRACE_MINUTES = 2;

export type DayStatus = Status | "none";

export interface ProblemRow {
  component: string;
  at: number;
  status: string;
  detail: string | null;
}

export interface History {
  /** Epoch ms of the minutes in which checks were recorded, at or after the window start. */
  minutes: number[];
  /** The last recorded minute before the window, so a gap across its start is seen. */
  previousMinute: number | null;
  /** Rows whose status was not "up", at or after the window start. */
  problems: ProblemRow[];
}

export interface DayCell {
  /** YYYY-MM-DD, UTC. */
  date: string;
  status: DayStatus;
  up: number;
  degraded: number;
  down: number;
  /** Minutes with no check recorded (the app was not running); included in `down`. */
  missing: number;
}

export interface Incident {
  component: Component;
  status: Exclude<Status, "up">;
  from: number;
  /** End of the last bad minute (exclusive). */
  to: number;
  detail: string | null;
  /** The last recorded minute of the history is part of it. */
  ongoing: boolean;
}

export interface StatusHistory {
  dates: string[];
  rows: Array<{ component: Component; days: DayCell[] }>;
  incidents: Incident[];
  lastCheckAt: number | null;
}

export const floorMinute = (t: number) => Math.floor(t / MINUTE) * MINUTE;
const floorDay = (t: number) => Math.floor(t / DAY) * DAY;
const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Start (epoch ms, UTC midnight) of the first of the `days` days ending today. */
export function windowStart(now: number, days: number): number {
  return floorDay(now) - (days - 1) * DAY;
}

export function classifyDay(c: Omit<DayCell, "date" | "status">): DayStatus {
  const observed = c.up + c.degraded + c.down;
  if (!observed) return "none";
  if (c.down * 2 >= observed) return "down";
  if (c.down || c.degraded) return "degraded";
  return "up";
}

interface Gap {
  from: number;
  to: number;
}

/** Runs of missing minutes longer than the grace, clipped to [start, ∞). */
function findGaps(minutes: number[], previous: number | null, start: number): Gap[] {
  const gaps: Gap[] = [];
  let last = previous;
  for (const m of minutes) {
    if (last !== null && (m - last) / MINUTE - 1 > GAP_GRACE_MINUTES) {
      const from = Math.max(last + MINUTE, start);
      if (m > from) gaps.push({ from, to: m });
    }
    last = m;
  }
  return gaps;
}

export function summariseHistory(h: History, now: number, days = 7): StatusHistory {
  const start = windowStart(now, days);
  const dates = Array.from({ length: days }, (_, i) => isoDate(start + i * DAY));
  const dayIndex = (t: number) => Math.floor((t - start) / DAY);
  const minutes = [...new Set(h.minutes.map(floorMinute))].filter((m) => m >= start && m <= now).sort((a, b) => a - b);
  const recorded = new Set(minutes);
  const recordedPerDay = new Array<number>(days).fill(0);
  for (const m of minutes) recordedPerDay[dayIndex(m)]!++;

  const missingPerDay = new Array<number>(days).fill(0);
  const gaps = findGaps(minutes, h.previousMinute === null ? null : floorMinute(h.previousMinute), start);
  for (const g of gaps) {
    for (let t = g.from; t < g.to;) {
      const next = Math.min(g.to, floorDay(t) + DAY);
      const i = dayIndex(t);
      if (i >= 0 && i < days) missingPerDay[i]! += (next - t) / MINUTE;
      t = next;
    }
  }

  // The worst status of each component in each recorded minute.
  const bad = new Map<Component, Map<number, { status: Exclude<Status, "up">; detail: string | null }>>();
  for (const p of h.problems) {
    if (!isComponent(p.component) || !isStatus(p.status) || p.status === "up") continue;
    const m = floorMinute(p.at);
    if (!recorded.has(m)) continue;
    let byMinute = bad.get(p.component);
    if (!byMinute) bad.set(p.component, (byMinute = new Map()));
    const prev = byMinute.get(m);
    if (!prev || worstStatus([prev.status, p.status]) !== prev.status)
      byMinute.set(m, { status: p.status, detail: p.detail });
  }

  const rows = COMPONENTS.map((component) => {
    const cells = dates.map((date, i) => ({
      date,
      up: recordedPerDay[i]!,
      degraded: 0,
      down: missingPerDay[i]!,
      missing: missingPerDay[i]!,
    }));
    for (const [m, v] of bad.get(component) ?? []) {
      const cell = cells[dayIndex(m)]!;
      cell.up--;
      cell[v.status]++;
    }
    return { component, days: cells.map((c) => ({ ...c, status: classifyDay(c) })) };
  });

  const lastCheckAt = minutes.length ? minutes[minutes.length - 1]! : null;
  return { dates, rows, incidents: findIncidents(bad, gaps, lastCheckAt), lastCheckAt };
}

/** Consecutive bad minutes of one component (allowing the grace between them) make one incident. */
function findIncidents(
  bad: Map<Component, Map<number, { status: Exclude<Status, "up">; detail: string | null }>>,
  gaps: Gap[],
  lastCheckAt: number | null,
): Incident[] {
  const incidents: Incident[] = [];
  for (const [component, byMinute] of bad) {
    let current: Incident | null = null;
    for (const [m, v] of [...byMinute].sort((a, b) => a[0] - b[0])) {
      if (current && m - current.to <= GAP_GRACE_MINUTES * MINUTE) {
        current.to = m + MINUTE;
        if (v.status === "down") current.status = "down";
        current.detail = v.detail ?? current.detail;
        continue;
      }
      if (current) incidents.push(current);
      current = { component, status: v.status, from: m, to: m + MINUTE, detail: v.detail, ongoing: false };
    }
    if (current) incidents.push(current);
  }
  for (const g of gaps)
    incidents.push({
      component: "web",
      status: "down",
      from: g.from,
      to: g.to,
      detail: "Floorpulse was not running: no checks recorded",
      ongoing: false,
    });
  for (const i of incidents) i.ongoing = lastCheckAt !== null && i.to === lastCheckAt + MINUTE;
  return incidents.sort((a, b) => b.from - a.from);
}
