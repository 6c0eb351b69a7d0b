import type { Tenant } from "./campus";
import { h3, h4, u } from "./hash";
import type { Person } from "./people";
import { HOUR, isWeekend, MIN } from "./schedule";

// Where a present person is heading at a moment: a pure function of the person and the time.
// People move in legs of a few minutes (desk, a colleague, the cafe, the stairs); teams meet in
// half-hour slots; each new destination is walked to at walking pace from the last one.

export const SLOT = 30 * MIN;
const WALK_FT_PER_MS = 4 / 1000;
const JITTER_FT = 3;
const MARGIN_FT = 3;

export interface Target {
  floor: number;
  x: number;
  y: number;
}

/** Zones and rooms of each building, by kind, worked out once per tenant. */
export interface Places {
  cafe: number[];
  meeting: number[];
  reception: number[];
  visitable: number[];
}

export function placesOf(t: Tenant): Places[] {
  return t.buildings.map((b) => {
    const zones = b.floors.flatMap((f) => t.floors[f]!.zones).map((i) => t.zones[i]!);
    const of = (k: string) => zones.filter((z) => z.kind === k).map((z) => z.index);
    return {
      cafe: of("cafe"),
      meeting: of("meeting"),
      reception: of("reception"),
      visitable: zones.filter((z) => z.kind !== "lab").map((z) => z.index),
    };
  });
}

/** The meeting room a person sits in during a local half-hour slot, or -1. */
function meetingRoom(p: Person, places: Places, slot: number, msOfDay: number, day: number): number {
  if (p.team < 0 || isWeekend(day) || msOfDay < 9 * HOUR || msOfDay >= 17 * HOUR || !places.meeting.length) return -1;
  const team = h3(p.team, slot, 41);
  if (u(team) >= 0.2) return -1;
  if (u(h3(p.key, slot, 42)) >= 0.85) return -1;
  return places.meeting[h3(p.team, slot, 43) % places.meeting.length]!;
}

function pick(list: number[], h: number, fallback: number): number {
  return list.length ? list[h % list.length]! : fallback;
}

/** The zone (or -1 for the stairs/restroom core of the home floor) a leg heads for. */
function legZone(t: Tenant, p: Person, places: Places, leg: number, msOfDay: number): number {
  const r = u(h3(p.key, leg, 51));
  const h = h3(p.key, leg, 52);
  const home = p.homeZone;
  const homeFloorZones = t.floors[p.homeFloor]!.zones;
  const lunch = msOfDay >= 12 * HOUR && msOfDay < 13.5 * HOUR;
  switch (p.role) {
    case "staff":
    case "parttime":
      if (lunch && r < 0.55) return pick(places.cafe, h, home);
      if (r < 0.72) return home;
      if (r < 0.84) return pick(homeFloorZones, h, home);
      if (r < 0.94) return pick(places.visitable, h, home);
      return -1;
    case "guest":
      if (r < 0.4) return pick(places.reception, h, home);
      if (r < 0.85) return pick(places.cafe, h, home);
      return pick(places.meeting, h, home);
    case "security":
      return r < 0.3 ? pick(places.reception, h, home) : pick(places.visitable, h, home);
    case "lab":
      if (r < 0.8) return home;
      return r < 0.9 ? pick(places.cafe, h, home) : -1;
    case "cleaner": {
      const hour = Math.floor(msOfDay / HOUR);
      return pick(places.visitable, hour + p.ordinal * 7, home);
    }
  }
}

/** The spot a person heads for at local slot/leg: a point inside the zone, or the core. */
export function destination(
  t: Tenant,
  p: Person,
  places: Places,
  leg: number,
  slot: number,
  msOfDay: number,
  day: number,
): Target {
  let zone = meetingRoom(p, places, slot, msOfDay, day);
  const key = zone >= 0 ? slot : leg;
  if (zone < 0) zone = legZone(t, p, places, leg, msOfDay);
  if (zone < 0) {
    const f = t.floors[p.homeFloor]!;
    return {
      floor: f.index,
      x: f.core.x + f.core.w * (0.2 + 0.6 * u(h3(p.key, key, 61))),
      y: f.core.y + f.core.h * (0.2 + 0.6 * u(h3(p.key, key, 62))),
    };
  }
  const z = t.zones[zone]!;
  const m = Math.min(MARGIN_FT, z.rect.w / 4, z.rect.h / 4);
  return {
    floor: z.floor,
    x: z.rect.x + m + (z.rect.w - 2 * m) * u(h4(p.key, key, zone, 63)),
    y: z.rect.y + m + (z.rect.h - 2 * m) * u(h4(p.key, key, zone, 64)),
  };
}

/**
 * Position at `t` given where the current segment started and where the person was before it.
 * `from` is null when the person just arrived (they walk in from the stairs).
 */
export function walk(
  t: Tenant,
  p: Person,
  to: Target,
  from: Target | null,
  segStart: number,
  now: number,
  out: { floor: number; x: number; y: number },
) {
  const floor = t.floors[to.floor]!;
  const start = !from || from.floor !== to.floor ? floor.stairs : from;
  const dist = Math.hypot(to.x - start.x, to.y - start.y);
  const elapsed = now - segStart;
  const walkMs = dist / WALK_FT_PER_MS;
  let x: number;
  let y: number;
  if (elapsed < walkMs) {
    const k = elapsed / walkMs;
    x = start.x + (to.x - start.x) * k;
    y = start.y + (to.y - start.y) * k;
  } else {
    // Wi-Fi location is never still: a few feet of noise every few seconds.
    const step = Math.floor(now / 5000);
    x = to.x + (u(h3(p.key, step, 71)) - 0.5) * JITTER_FT;
    y = to.y + (u(h3(p.key, step, 72)) - 0.5) * JITTER_FT;
  }
  out.floor = to.floor;
  out.x = Math.round(Math.min(Math.max(x, 0.5), floor.widthFt - 0.5) * 100) / 100;
  out.y = Math.round(Math.min(Math.max(y, 0.5), floor.lengthFt - 0.5) * 100) / 100;
}
