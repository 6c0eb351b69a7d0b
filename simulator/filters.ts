import type { Device } from "./people";
import { createVersions } from "./versions";

// Firehose MAC filters (GET/PUT /api/partners/v1/firehose/filters): devices whose MAC matches a
// pattern are left out of the stream and out of the Wi-Fi counts, from the moment of the PUT on.
// Patterns are MAC addresses with `*` (any run of characters) and `?` (one character), any case,
// with ":" or "-" separators.

const PATTERN = /^[0-9a-fA-F:*?.-]{1,64}$/;

export function isValidMacPattern(p: unknown): p is string {
  return typeof p === "string" && PATTERN.test(p);
}

export function compileMacPattern(p: string): RegExp {
  const norm = p.toLowerCase().replace(/-/g, ":");
  const body = norm.replace(/[.]/g, "\\.").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`);
}

export interface FilterVersion {
  id: number;
  from: number;
  patterns: string[];
  /** 1 for each device index a pattern matches. */
  filtered: Uint8Array;
}

export interface FilterTimeline {
  at(ts: number): FilterVersion;
  current(): FilterVersion;
  set(from: number, patterns: string[]): FilterVersion;
}

let nextId = 1;

export function createFilterTimeline(devices: Device[]): FilterTimeline {
  const build = (from: number, patterns: string[]): FilterVersion => {
    const res = patterns.map(compileMacPattern);
    const filtered = new Uint8Array(devices.length);
    if (res.length) for (const d of devices) filtered[d.index] = res.some((r) => r.test(d.macAddress)) ? 1 : 0;
    return { id: nextId++, from, patterns: [...patterns], filtered };
  };
  const versions = createVersions(build(-Infinity, []));
  return {
    at: versions.at,
    current: versions.current,
    set: (from, patterns) => versions.add(build(from, patterns)),
  };
}
