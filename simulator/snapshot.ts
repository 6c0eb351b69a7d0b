import type { Tenant } from "./campus";
import { tzOffset } from "./clock";
import { h3, u } from "./hash";
import { destination, placesOf, SLOT, walk, type Places, type Target } from "./movement";
import type { Device, Person } from "./people";
import { createScheduleCache, DAY, HOUR, MIN } from "./schedule";

// The state of every person and device of a tenant at one tick, in flat typed arrays (full speed
// computes thousands of these a second). A pure function of (seed, tenant, tick); the per-person
// caches below only remember results of pure functions, so the order of calls never matters.

export const ABSENT = 0;
/** Present and sending traffic. */
export const ACTIVE = 1;
/** Present, silent for less than 10 minutes: still counted active, sends no location updates. */
export const QUIET = 2;
/** Present, silent for 10 minutes or more (Cisco's DEVICE_IN_ACTIVE_EVENT). */
export const INACTIVE = 3;
const INACTIVE_AFTER_MS = 10 * MIN;
const OUT_OF_VIEW_SHARE = 0.18;

// Module-level copies: calls through an import binding cost a getter each under tsx.
const hash3 = h3;
const unit = u;
const dest = destination;
const walkTo = walk;

export interface Snapshot {
  tick: number;
  ts: number;
  present: Uint8Array;
  floor: Int16Array;
  x: Float64Array;
  y: Float64Array;
  /** In view of the cameras (people are sometimes occluded, as real camera counts show). */
  inView: Uint8Array;
  /** 1 once x, y and inView are worked out for that person (positions are computed on demand). */
  located: Uint8Array;
  /** The tenant's UTC offset at this tick. */
  offset: number;
  /** Entry time (a tick time) of the current visit, NaN when absent: identifies the visit. */
  visit: Float64Array;
  dev: Uint8Array;
  /** Derived counts, filled by the generator for one structure/filter version. */
  agg: unknown;
  aggKey: string;
}

export interface WorldModel {
  /** Presence, visits, floors and device states of a tick; positions come later, on demand. */
  fill(tick: number, into?: Snapshot): Snapshot;
  /** Works out x, y and inView of one present person. */
  locate(s: Snapshot, i: number): void;
  locateAll(s: Snapshot): void;
}

interface Segment {
  start: number;
  to: Target;
  from: Target | null;
  fromKnown: boolean;
}

export function createWorldModel(t: Tenant, people: Person[], devices: Device[], tickMs: number): WorldModel {
  const places: Places[] = placesOf(t);
  const sched = createScheduleCache(people.length);
  const pos = { floor: 0, x: 0, y: 0 };
  const segments: Segment[] = people.map(() => ({
    start: NaN,
    to: { floor: 0, x: 0, y: 0 },
    from: null,
    fromKnown: false,
  }));
  const quietSlot = new Float64Array(devices.length).fill(NaN);
  const quietFrom = new Float64Array(devices.length); // NaN: not quiet in that slot

  const alloc = (): Snapshot => ({
    tick: 0,
    ts: 0,
    present: new Uint8Array(people.length),
    floor: new Int16Array(people.length),
    x: new Float64Array(people.length),
    y: new Float64Array(people.length),
    inView: new Uint8Array(people.length),
    located: new Uint8Array(people.length),
    offset: 0,
    visit: new Float64Array(people.length),
    dev: new Uint8Array(devices.length),
    agg: null,
    aggKey: "",
  });

  const quietShare = (d: Device, p: Person, msOfDay: number) => {
    if (d.type === "MOBILE") return p.role === "security" ? 0.05 : 0.2;
    if (d.type === "LAPTOP") return msOfDay >= 12 * HOUR && msOfDay < 13.5 * HOUR ? 0.8 : 0.25;
    return d.type === "TABLET" ? 0.45 : 0.3;
  };

  /** Where the segment containing `at` starts: a new leg or a new half-hour slot. */
  const segmentStart = (p: Person, at: number, off: number) => {
    const local = at + off;
    const legStart = Math.floor((at + p.legOffset) / p.legMs) * p.legMs - p.legOffset;
    return Math.max(legStart, at - (local - Math.floor(local / SLOT) * SLOT));
  };

  /** The destination of the segment starting at `start` (decided at its start). */
  const target = (p: Person, start: number, off: number): Target => {
    const local = start + off;
    const day = Math.floor(local / DAY);
    return dest(
      t,
      p,
      places[p.building]!,
      Math.floor((start + p.legOffset) / p.legMs),
      Math.floor(local / SLOT),
      local - day * DAY,
      day,
    );
  };

  /** The device's quiet start in the slot (NaN if it is not quiet then), cached per slot. */
  const quietStart = (d: Device, p: Person, slot: number, slotStart: number, msOfDay: number) => {
    if (quietSlot[d.index] !== slot) {
      quietSlot[d.index] = slot;
      if (unit(hash3(d.key, slot, 91)) >= quietShare(d, p, msOfDay)) quietFrom[d.index] = NaN;
      else {
        const before = unit(hash3(d.key, slot - 1, 91)) < quietShare(d, p, (msOfDay - SLOT + DAY) % DAY);
        quietFrom[d.index] = before ? slotStart - SLOT : slotStart;
      }
    }
    return quietFrom[d.index]!;
  };

  /** The person's current segment, from the cache when it is the same one. */
  const segmentAt = (p: Person, ts: number, off: number, entryUtc: number): Segment => {
    const seg = segments[p.index]!;
    const segStart = segmentStart(p, ts, off);
    if (seg.start !== segStart) {
      seg.start = segStart;
      seg.to = target(p, segStart, off);
      seg.fromKnown = false;
    }
    // Just arrived: walk in from the stairs. Otherwise from the last segment's spot.
    if (segStart > entryUtc && !seg.fromKnown) {
      seg.from = target(p, segmentStart(p, segStart - 1, off), off);
      seg.fromKnown = true;
    }
    return seg;
  };

  const locate = (s: Snapshot, i: number) => {
    if (s.located[i] || !s.present[i]) return;
    const p = people[i]!;
    const entryUtc = sched.intervalAt(p, s.ts + s.offset) - s.offset;
    const seg = segmentAt(p, s.ts, s.offset, entryUtc);
    walkTo(t, p, seg.to, seg.start <= entryUtc ? null : seg.from, seg.start, s.ts, pos);
    s.x[i] = pos.x;
    s.y[i] = pos.y;
    s.inView[i] = unit(hash3(p.key, Math.floor((s.ts + p.legOffset) / 20_000), 81)) >= OUT_OF_VIEW_SHARE ? 1 : 0;
    s.located[i] = 1;
  };

  return {
    locate,
    locateAll(s) {
      for (let i = 0; i < people.length; i++) locate(s, i);
    },
    fill(tick, into) {
      const s = into ?? alloc();
      const ts = tick * tickMs;
      s.tick = tick;
      s.ts = ts;
      s.agg = null;
      s.aggKey = "";
      s.located.fill(0);
      const off = tzOffset(t.timeZone, ts);
      s.offset = off;
      const local = ts + off;
      const msOfDay = local - Math.floor(local / DAY) * DAY;
      const slot = Math.floor(local / SLOT);
      const slotStart = ts - (local - slot * SLOT);
      for (let i = 0; i < people.length; i++) {
        const p = people[i]!;
        const start = sched.intervalAt(p, local);
        if (start !== start) {
          s.present[i] = 0;
          s.floor[i] = -1;
          s.visit[i] = NaN;
          for (const d of p.devices) s.dev[d] = ABSENT;
          continue;
        }
        const entryUtc = start - off;
        s.present[i] = 1;
        s.visit[i] = Math.ceil(entryUtc / tickMs) * tickMs;
        // A person is on the floor of the spot they head for (floor changes happen at the stairs).
        s.floor[i] = segmentAt(p, ts, off, entryUtc).to.floor;
        for (const di of p.devices) {
          const quietSince = quietStart(devices[di]!, p, slot, slotStart, msOfDay);
          if (quietSince !== quietSince) s.dev[di] = ACTIVE;
          else s.dev[di] = ts - Math.max(quietSince, entryUtc) >= INACTIVE_AFTER_MS ? INACTIVE : QUIET;
        }
      }
      return s;
    },
  };
}
