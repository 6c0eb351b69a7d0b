import type { Tenant } from "./campus";
import type { FilterVersion } from "./filters";
import type { Person } from "./people";
import { ABSENT, INACTIVE, type Snapshot, type WorldModel } from "./snapshot";
import type { StructureVersion } from "./structure";

// Counts derived from one snapshot, so every count in a record agrees with the simulated people:
// Wi-Fi counts leave out MAC-filtered devices, cameras see people in view inside their area,
// Webex room devices count people inside their room.

export interface Counts {
  /** Per building: devices present and active (or quiet < 10 min), and inactive. */
  activeDevices: Int32Array;
  inactiveDevices: Int32Array;
  /** Per building: users [active with userId, active without, inactive with, inactive without]. */
  users: Int32Array;
  /** Per person: 0 absent (or every device filtered), 1 active, 3 inactive. */
  userState: Uint8Array;
  /** Per floor: unfiltered devices present there, users with such a device there, all people there. */
  floorDevices: Int32Array;
  floorUsers: Int32Array;
  floorPeople: Int32Array;
}

/** What cameras and Webex room devices count (they need everyone's position, so only at sample ticks). */
export interface Sample {
  /** Per camera: people in view inside its area. */
  cameras: Int32Array;
  /** Per Webex device: people in its room. */
  webex: Int32Array;
}

function inside(r: { x: number; y: number; w: number; h: number }, x: number, y: number): boolean {
  return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

export function countsOf(t: Tenant, people: Person[], s: Snapshot, sv: StructureVersion, fv: FilterVersion): Counts {
  const key = `${sv.id}|${fv.id}`;
  if (s.aggKey === key) return s.agg as Counts;
  const B = t.buildings.length;
  const c: Counts = {
    activeDevices: new Int32Array(B),
    inactiveDevices: new Int32Array(B),
    users: new Int32Array(B * 4),
    userState: new Uint8Array(people.length),
    floorDevices: new Int32Array(t.floors.length),
    floorUsers: new Int32Array(t.floors.length),
    floorPeople: new Int32Array(t.floors.length),
  };
  for (const p of people) {
    const i = p.index;
    if (!s.present[i]) continue;
    const f = s.floor[i]!;
    c.floorPeople[f]!++;
    let seen = 0;
    let active = 0;
    for (const di of p.devices) {
      if (fv.filtered[di]) continue;
      const st = s.dev[di]!;
      if (st === ABSENT) continue;
      seen++;
      if (st === INACTIVE) c.inactiveDevices[p.building]!++;
      else {
        c.activeDevices[p.building]!++;
        active++;
      }
      c.floorDevices[f]!++;
    }
    if (seen) {
      c.floorUsers[f]!++;
      c.userState[i] = active ? 1 : 3;
      c.users[p.building * 4 + (active ? 0 : 2) + (p.hasUserId ? 0 : 1)]!++;
    }
  }
  s.agg = c;
  s.aggKey = key;
  return c;
}

export function sampleOf(t: Tenant, people: Person[], model: WorldModel, s: Snapshot, sv: StructureVersion): Sample {
  model.locateAll(s);
  const out: Sample = { cameras: new Int32Array(t.cameras.length), webex: new Int32Array(t.webex.length) };
  for (const p of people) {
    const i = p.index;
    if (!s.present[i]) continue;
    const f = s.floor[i]!;
    const x = s.x[i]!;
    const y = s.y[i]!;
    if (s.inView[i]) for (const cam of sv.floorCameras[f]!) if (inside(t.cameras[cam]!.rect, x, y)) out.cameras[cam]!++;
    for (const w of sv.floorWebex[f]!) if (inside(t.zones[t.webex[w]!.zone]!.rect, x, y)) out.webex[w]!++;
  }
  return out;
}
