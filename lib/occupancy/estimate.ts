import type { RatioUsed } from "./ratio";
import type { Fresh } from "./sources";
import { SOURCES, type LocationType, type Occupancy, type Source } from "./types";

// One location's count of people from what is known about it now: pure, one location at a time, its
// children already estimated. The rules, in order:
// - People counters (Webex, TelePresence, IoT, space occupancy) and Wi-Fi users count people.
// - Wi-Fi devices become people through the building's devices-per-person ratio (ratio.ts).
// - Meraki cameras see only the people in view inside their area, so a camera count is a lower bound
//   for its location: the number is the larger of it and the Wi-Fi estimate, never a replacement.
// - Children with a people source cover part of the location: their people plus the Wi-Fi estimate of
//   the uncovered rest (the whole Wi-Fi estimate less the covered children's share of it, their part of
//   the devices located on it).
// - A parent never shows fewer people than the sum of its children; when that sum is what it shows,
//   it is labelled as a sum of them.
// Values stay fractional up the tree and are rounded only for display, so rounding cannot make a
// parent smaller than a child.

export interface Estimate extends Occupancy {
  /** Unrounded people. */
  value: number;
  /** Made only of devices we locate ourselves (no reported count in it). */
  tracked: boolean;
  /** Wi-Fi's estimate of this location's people (tracked devices or a Wi-Fi count), when there is one. */
  wifi: number | null;
}

export interface Inputs {
  own: Fresh;
  ratio: RatioUsed;
  /** Devices located here and not in a child. */
  here: number;
  /** Newest device event counted here; undefined when no device was ever counted here. */
  activity: number | undefined;
  /** Children that have a count. */
  children: Estimate[];
  /** The children's kind when they share one (for "Sum of 2 floors"). */
  childType: LocationType | null;
}

export const NO_ESTIMATE: Estimate = {
  count: 0,
  source: null,
  rollup: false,
  mixed: false,
  at: null,
  value: 0,
  tracked: false,
  wifi: null,
};

const newest = (a: number | null, b: number | null | undefined) =>
  b === null || b === undefined ? a : a === null || b > a ? b : a;
const tenth = (x: number) => Math.round(x * 10) / 10;

/** The estimate, its shown (rounded) count never below its children's shown counts added up. */
export function estimate(inputs: Inputs): Estimate {
  const e = estimateOf(inputs);
  // Values add up unrounded, but each child is rounded for display on its own: 26.5 and 13.5 show as 27
  // and 14, and a parent of 40.0 must then show 41, not 40.
  let shownByChildren = 0;
  for (const c of inputs.children) shownByChildren += c.count;
  return e.count >= shownByChildren ? e : { ...e, count: shownByChildren };
}

function estimateOf({ own, ratio, here, activity, children, childType }: Inputs): Estimate {
  // The children first: their sum, whether all of them are our own device tracking, and the Wi-Fi share
  // of those measured by a people source.
  let sum = 0;
  let at: number | null = null;
  let tracked = true;
  let mixed = false;
  let devices = 0;
  let covered = 0;
  let coveredWifi = 0;
  let coveredBlind = 0;
  const totals = new Map<Source, number>();
  for (const c of children) {
    sum += c.value;
    at = newest(at, c.at);
    tracked &&= c.tracked;
    mixed ||= c.mixed;
    devices += c.devices ?? 0;
    totals.set(c.source!, (totals.get(c.source!) ?? 0) + c.value);
    if (c.source === "camera" || c.source === "people") {
      covered += c.value;
      if (c.wifi !== null) coveredWifi += c.wifi;
      else coveredBlind += c.value;
    }
  }
  const hereValue = here / ratio.ratio;
  const hasHere = here > 0 || activity !== undefined;
  if (hasHere) {
    at = newest(at, activity);
    devices += here;
    totals.set("wifi_devices", (totals.get("wifi_devices") ?? 0) + hereValue);
  }
  const childWifi = children.reduce((n, c) => n + (c.wifi ?? 0), 0);
  const trackedWifi = hasHere || children.some((c) => c.wifi !== null) ? childWifi + hereValue : null;

  // What Cisco reports about the location as a whole.
  const whole = own.people
    ? { value: own.people.count, source: "people" as const, at: own.people.ts, devices: undefined }
    : own.users
      ? { value: own.users.count, source: "wifi_users" as const, at: own.users.ts, devices: undefined }
      : own.devices
        ? {
            value: own.devices.count / ratio.ratio,
            source: "wifi_devices" as const,
            at: own.devices.ts,
            devices: own.devices.count,
          }
        : null;
  const camera = own.camera;

  if (!whole && !camera) {
    if (!children.length && !hasHere) return NO_ESTIMATE;
    const value = sum + hereValue;
    if (tracked) {
      const empty = devices === 0 && at !== null ? { emptySince: at } : {};
      return {
        ...evidence(Math.round(value), "wifi_devices", false, false, at, value, true, trackedWifi),
        devices,
        ratio: tenth(devices > 0 && value > 0 ? devices / value : ratio.ratio),
        learned: ratio.learned,
        ...empty,
      };
    }
    return rollup(value, totals, mixed, at, children.length + (hasHere ? 1 : 0), childType, trackedWifi);
  }

  if (!whole) {
    // Cameras alone: at least what they see, or more where our own device tracking finds more.
    const value = Math.max(camera!.count, sum + hereValue);
    if (value === camera!.count)
      return evidence(Math.round(value), "camera", false, false, camera!.ts, value, false, trackedWifi);
    if (tracked) {
      return {
        ...evidence(Math.round(value), "wifi_devices", false, false, newest(at, camera!.ts), value, false, trackedWifi),
        devices,
        ratio: tenth(devices / value),
        learned: ratio.learned,
        atLeast: camera!.count,
      };
    }
    return {
      ...rollup(
        value,
        totals,
        mixed,
        newest(at, camera!.ts),
        children.length + (hasHere ? 1 : 0),
        childType,
        trackedWifi,
      ),
      atLeast: camera!.count,
    };
  }

  // Wi-Fi's view of the whole, with the covered children's people in place of their Wi-Fi share.
  const wifiWhole = whole.source !== "people" ? whole.value : null;
  // The covered children's share of the whole: their part of the devices we locate on it (so a bias in
  // what we locate, such as idle devices sending no positions, cancels out), or without located devices
  // in them, their own count (the whole then stands unless they hold more).
  const share =
    wifiWhole === null ? 0 : (trackedWifi ? (wifiWhole * coveredWifi) / trackedWifi : coveredWifi) + coveredBlind;
  const combined = wifiWhole !== null && covered > 0 ? covered + Math.max(0, wifiWhole - share) : null;
  const base = whole.value;
  const cam = camera?.count ?? 0;
  const value = Math.max(base, cam, combined ?? 0, sum);
  const wifi = wifiWhole ?? trackedWifi;
  // The children's sum is the number when nothing of the location's own adds to it (a tie included: a
  // covered part with no Wi-Fi rest is just the rooms added up).
  if (value === sum && sum > Math.max(base, cam)) {
    return rollup(value, totals, mixed, newest(newest(at, whole.at), camera?.ts), children.length, childType, wifi);
  }
  if (camera && cam >= base && cam >= (combined ?? 0)) {
    return evidence(Math.round(value), "camera", false, false, camera.ts, value, false, wifi);
  }
  const w = whole;
  const out = evidence(Math.round(value), w.source, false, false, newest(w.at, camera?.ts), value, false, wifi);
  if (w.devices !== undefined)
    Object.assign(out, { devices: w.devices, ratio: tenth(ratio.ratio), learned: ratio.learned });
  if (camera && cam < value) out.atLeast = cam;
  if (combined !== null && value === combined && combined > base) out.covered = Math.round(covered);
  return out;
}

function evidence(
  count: number,
  source: Source,
  rollup: boolean,
  mixed: boolean,
  at: number | null,
  value: number,
  tracked: boolean,
  wifi: number | null,
): Estimate {
  return { count, source, rollup, mixed, at, value, tracked, wifi };
}

/** The sum of the children, labelled with the source behind most of it (ties go to the higher priority). */
function rollup(
  value: number,
  totals: Map<Source, number>,
  mixed: boolean,
  at: number | null,
  parts: number,
  partType: LocationType | null,
  wifi: number | null,
): Estimate {
  let lead: Source | null = null;
  for (const s of SOURCES) if (totals.has(s) && (lead === null || totals.get(s)! > totals.get(lead)!)) lead = s;
  const out = evidence(
    Math.round(value),
    lead ?? "wifi_devices",
    true,
    mixed || totals.size > 1,
    at,
    value,
    false,
    wifi,
  );
  out.parts = parts;
  if (partType) out.partType = partType;
  return out;
}
