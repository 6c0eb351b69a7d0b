import { DEFAULT_DEVICES_PER_PERSON } from "./rules";

// How many Wi-Fi devices one person carries, learned per building and hour band from moments where
// Cisco reports a people count and a device count for the same place at the same time (USER_PRESENCE's
// active users beside DEVICE_PRESENCE's active devices; DEVICE_COUNT's userCount beside its
// associatedCount). The ratio moves with the hour and how full a place is (Alishahi et al., Building
// Simulation 2021), so each band of the day keeps its own, with the building's all-day ratio, then any
// building's, then DEFAULT_DEVICES_PER_PERSON as fallbacks while a band has too little evidence.
// Sums of devices and of people, not an average of ratios: small counts would swing an average.

/** Hours of the (UTC) day that share one ratio. */
export const BAND_HOURS = 3;
/** At most one observation per place and this much event time, so busy minutes do not outweigh quiet ones. */
export const SAMPLE_MS = 60_000;
/** Each new observation keeps this share of what was learned before (memory of about 1/(1-x) samples). */
const KEEP = 1 - 1 / 240;
/** Below this many people observed (decayed), a band or building has not learned anything yet. */
const MIN_PEOPLE = 30;
/** A ratio outside this range is a counting fault, not a habit: it is not learned from. */
const MIN_RATIO = 0.3;
const MAX_RATIO = 6;

interface Tally {
  devices: number;
  people: number;
}

export interface RatioSnapshot {
  /** [key, devices, people]: key is `${building}|${band}` or `${building}|all` or `*`. */
  tallies: Array<[string, number, number]>;
  /** [place, time of its last observation]. */
  sampled: Array<[string, number]>;
}

export interface RatioUsed {
  ratio: number;
  /** False while the default stands in for a ratio not yet learned. */
  learned: boolean;
}

const DAY_MS = 86_400_000;
/** The band of the (UTC) day an event time falls in; arithmetic, since it runs for every event. */
export const bandOf = (ts: number) => Math.floor((((ts % DAY_MS) + DAY_MS) % DAY_MS) / (BAND_HOURS * 3_600_000));

export function createRatios(from?: RatioSnapshot) {
  const tallies = new Map<string, Tally>(from?.tallies.map(([k, devices, people]) => [k, { devices, people }]));
  const sampled = new Map(from?.sampled);

  function add(key: string, devices: number, people: number) {
    let t = tallies.get(key);
    if (!t) tallies.set(key, (t = { devices: 0, people: 0 }));
    t.devices = t.devices * KEEP + devices;
    t.people = t.people * KEEP + people;
  }

  const ratioOf = (key: string) => {
    const t = tallies.get(key);
    return t && t.people >= MIN_PEOPLE ? t.devices / t.people : null;
  };

  return {
    /**
     * A device count and a people count of one place (`place`, in building `building`) at `ts`.
     * True when it was learned from (the ratios may have moved).
     */
    observe(building: string, place: string, devices: number, people: number, ts: number): boolean {
      if (people <= 0 || devices <= 0) return false; // an empty place says nothing about the ratio
      const r = devices / people;
      if (r < MIN_RATIO || r > MAX_RATIO) return false;
      const last = sampled.get(place);
      if (last !== undefined && ts < last + SAMPLE_MS) return false;
      sampled.set(place, ts);
      add(`${building}|${bandOf(ts)}`, devices, people);
      add(`${building}|all`, devices, people);
      add("*", devices, people);
      return true;
    },
    /** The ratio for a building at `ts`: its band's, else its all-day one, else any building's, else the default. */
    at(building: string, ts: number): RatioUsed {
      const r = ratioOf(`${building}|${bandOf(ts)}`) ?? ratioOf(`${building}|all`) ?? ratioOf("*");
      return r === null
        ? { ratio: DEFAULT_DEVICES_PER_PERSON, learned: false }
        : { ratio: Math.round(r * 100) / 100, learned: true };
    },
    forget(place: string) {
      sampled.delete(place);
    },
    snapshot(): RatioSnapshot {
      return { tallies: [...tallies].map(([k, t]) => [k, t.devices, t.people]), sampled: [...sampled] };
    },
  };
}

export type Ratios = ReturnType<typeof createRatios>;
