import type { Building, FloorPlan } from "./building";
import { alnumId, hash32, hexId, unit } from "./hash";

export interface Person {
  index: number;
  /** Carries a Wi-Fi device; people without one are seen only by cameras. */
  deviceId: string | null;
  macAddress: string;
  periodTicks: number;
  offsetTicks: number;
  duty: number;
}

export interface PersonState {
  person: Person;
  present: boolean;
  floor: FloorPlan;
  visit: number;
  x: number;
  y: number;
}

const SEGMENT_TICKS = 12;
const MOVE_SHARE = 0.5;

export function createPeople(seed: number, count: number): Person[] {
  return Array.from({ length: count }, (_, index) => {
    const periodTicks = 240 + (hash32(seed, index, 1) % 480);
    const mac = hexId(12, seed, "mac", index).match(/../g)!.join(":");
    return {
      index,
      deviceId: hash32(seed, index, 6) % 5 === 0 ? null : `device-${alnumId(21, seed, "device", index)}`,
      macAddress: mac,
      periodTicks,
      offsetTicks: hash32(seed, index, 2) % periodTicks,
      duty: 0.6 + unit(seed, index, 3) * 0.35,
    };
  });
}

/** Where one person is at a tick: a pure function, so any tick can be computed without history. */
export function personAt(seed: number, b: Building, p: Person, tick: number): PersonState {
  const t = tick + p.offsetTicks;
  const visit = Math.floor(t / p.periodTicks);
  const phase = (t - visit * p.periodTicks) / p.periodTicks;
  const floor = b.floors[hash32(seed, p.index, visit, 3) % b.floors.length]!;
  const shift = hash32(seed, p.index, 4) % SEGMENT_TICKS;
  const segment = Math.floor((tick + shift) / SEGMENT_TICKS);
  const frac = (tick + shift - segment * SEGMENT_TICKS) / SEGMENT_TICKS;
  const from = waypoint(seed, floor, p.index, segment);
  const to = waypoint(seed, floor, p.index, segment + 1);
  const k = Math.min(1, frac / MOVE_SHARE);
  return {
    person: p,
    present: phase < p.duty,
    floor,
    visit,
    x: round2(from.x + (to.x - from.x) * k),
    y: round2(from.y + (to.y - from.y) * k),
  };
}

function waypoint(seed: number, floor: FloorPlan, person: number, segment: number) {
  const room = floor.rooms[hash32(seed, person, segment, 5) % floor.rooms.length]!;
  const margin = 2;
  return {
    x: room.x + margin + unit(seed, person, segment, 6) * (room.w - 2 * margin),
    y: room.y + margin + unit(seed, person, segment, 7) * (room.h - 2 * margin),
  };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
