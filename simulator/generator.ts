import { countsOf, sampleOf, type Counts, type Sample } from "./aggregate";
import type { Tenant } from "./campus";
import { tzOffset } from "./clock";
import {
  cameraCountPayload,
  deviceCountPayload,
  devicePresencePayload,
  iotTelemetryPayload,
  rawCameraCountPayload,
  tpPeopleCountPayload,
  userPresencePayload,
} from "./events";
import type { FilterTimeline, FilterVersion } from "./filters";
import type { Device, Person } from "./people";
import { createLocationUpdateWriter } from "./location-update";
import { deviceJsonCache, record, recordUid } from "./records";
import { daysSinceLastVisit } from "./schedule";
import { Sink } from "./sink";
import { ABSENT, ACTIVE, createWorldModel, INACTIVE, type Snapshot } from "./snapshot";
import type { StructureTimeline, StructureVersion } from "./structure";

// Every record one tenant's world emits in one tick: transitions between the tick before and this
// one (presence, counts) plus the periodic ones (location updates, DEVICE_COUNT each minute, Webex
// telemetry). Output per tick is cached, so several streams at the same point cost one computation.

export interface TenantWorld {
  tenant: Tenant;
  people: Person[];
  devices: Device[];
  structure: StructureTimeline;
  filters: FilterTimeline;
  /** Hash key of (seed, tenant) for record ids. */
  key: number;
}

export interface GeneratorOptions {
  tickMs: number;
  /** Each active device reports its location this often. */
  updateMs: number;
  pii: boolean;
}

/** One tick's records as NDJSON bytes (each line ends in "\n"), and how many. */
export interface TickChunk {
  bytes: Buffer;
  count: number;
}

export interface Generator {
  /** The tick's records as bytes: cheap to cache (outside the JS heap), to share between streams and to write. */
  chunk(tick: number): TickChunk;
  lines(tick: number): string[];
  /**
   * Writes the tick's records into a caller's sink (no allocation on the hot path); `keep` caches a
   * copy for other streams at the same point (live ticks). Returns how many records.
   */
  writeTick(tick: number, into: Sink, keep: boolean): number;
  /** The tick's state; `located` also works out everyone's position. */
  snapshot(tick: number, located?: boolean): Snapshot;
  counts(tick: number): Counts;
  /** Camera and Webex counts as of the last sample at or before the tick. */
  sample(tick: number): Sample;
}

const SNAPSHOTS = 6;
const CHUNK_CACHE = 4;
const TELEMETRY_MS = 5 * 60_000;
/** Cameras and Webex room devices report what they see every this often (they need everyone's position). */
export const SAMPLE_MS = 2000;
const SAMPLES = 4;

export function createGenerator(w: TenantWorld, o: GeneratorOptions): Generator {
  const { tenant: t, people, devices } = w;
  const model = createWorldModel(t, people, devices, o.tickMs);
  const deviceJson = deviceJsonCache(devices, people, o.pii);
  const dlu = createLocationUpdateWriter(people, devices, deviceJson, t.floors, o.pii);
  const own = new Sink(1 << 16);
  /** Where the records being generated go (the caller's sink, or our own for chunk()). */
  let sink = own;
  let count = 0;
  const out = {
    push(line: string) {
      sink.text(line);
      sink.byte(10);
      count++;
    },
  };
  const snaps = new Map<number, Snapshot>();
  const samples = new Map<number, { key: number; sample: Sample }>();
  const cameraOwners = [
    ...t.floors.map((f) => ({ locationId: f.locationId, cameras: f.cameras, subject: 100_000 + f.index })),
    ...t.zones.map((z) => ({ locationId: z.locationId, cameras: z.cameras, subject: z.index })),
  ].filter((o) => o.cameras.length > 0);
  const cache = new Map<number, { key: string; chunk: TickChunk }>();
  const ticksPerMinute = Math.max(1, Math.round(60_000 / o.tickMs));

  function snapshot(tick: number): Snapshot {
    const hit = snaps.get(tick);
    if (hit) {
      // Most recently used last, so the snapshots in use are never the ones recycled.
      snaps.delete(tick);
      snaps.set(tick, hit);
      return hit;
    }
    let reuse: Snapshot | undefined;
    if (snaps.size >= SNAPSHOTS) {
      const oldest = snaps.keys().next().value!;
      reuse = snaps.get(oldest);
      snaps.delete(oldest);
    }
    const s = model.fill(tick, reuse);
    snaps.set(tick, s);
    return s;
  }

  /** A record whose id is its type and subject at this tick, so generating the tick again gives the same id. */
  const countRecord = (
    v: StructureVersion,
    tick: number,
    ts: number,
    type: string,
    subject: number,
    payload: unknown,
  ) => record(v, recordUid(w.key, tick, type, subject), ts, type, payload);
  const counts = (s: Snapshot) => countsOf(t, people, s, w.structure.at(s.ts), w.filters.at(s.ts));
  const isSampleTick = (tick: number) =>
    o.tickMs >= SAMPLE_MS ||
    Math.floor((tick * o.tickMs) / SAMPLE_MS) !== Math.floor(((tick - 1) * o.tickMs) / SAMPLE_MS);
  /** The latest sample tick at or before `tick`. */
  const sampleTickAt = (tick: number) =>
    o.tickMs >= SAMPLE_MS ? tick : Math.ceil((Math.floor((tick * o.tickMs) / SAMPLE_MS) * SAMPLE_MS) / o.tickMs);
  const previousSampleTick = (tick: number) => sampleTickAt(sampleTickAt(tick) - 1);
  function sample(tick: number): Sample {
    const at = sampleTickAt(tick);
    const v = w.structure.at(at * o.tickMs);
    const hit = samples.get(at);
    if (hit && hit.key === v.id) return hit.sample;
    const result = sampleOf(t, people, model, snapshot(at), v);
    if (samples.size >= SAMPLES) samples.delete(samples.keys().next().value!);
    samples.set(at, { key: v.id, sample: result });
    return result;
  }
  const crossed = (ts: number, period: number, phase: number) =>
    Math.floor((ts + phase) / period) !== Math.floor((ts - o.tickMs + phase) / period);

  type DeviceEvent = "DEVICE_ENTRY_EVENT" | "DEVICE_ACTIVE_EVENT" | "DEVICE_IN_ACTIVE_EVENT" | "DEVICE_EXIT_EVENT";
  type UserEvent = "USER_ENTRY_EVENT" | "USER_ACTIVE_EVENT" | "USER_IN_ACTIVE_EVENT" | "USER_EXIT_EVENT";

  function devicePresence(
    v: StructureVersion,
    tick: number,
    ts: number,
    d: Device,
    type: DeviceEvent,
    visitStart: number,
    wasInActive: boolean,
    a: Counts,
  ): string {
    const p = people[d.person]!;
    const uid = recordUid(w.key, tick, "DEVICE_PRESENCE", d.index * 4 + (type === "DEVICE_EXIT_EVENT" ? 1 : 0));
    const payload = devicePresencePayload({
      v,
      t,
      type,
      wasInActive,
      deviceJson: deviceJson[d.index]!,
      deviceKey: d.key,
      person: p,
      buildingLocationId: t.buildings[p.building]!.locationId,
      ts,
      visitStart,
      daysSinceLastVisit:
        type === "DEVICE_ENTRY_EVENT" ? daysSinceLastVisit(p, visitStart + tzOffset(t.timeZone, visitStart)) : 0,
      active: a.activeDevices[p.building]!,
      inactive: a.inactiveDevices[p.building]!,
      pii: o.pii,
    });
    return record(v, uid, ts, "DEVICE_PRESENCE", payload);
  }

  function userPresence(
    v: StructureVersion,
    fv: FilterVersion,
    tick: number,
    ts: number,
    p: Person,
    type: UserEvent,
    visitStart: number,
    wasInActive: boolean,
    a: Counts,
  ): string {
    const bi = p.building;
    const uid = recordUid(w.key, tick, "USER_PRESENCE", p.index * 4 + (type === "USER_EXIT_EVENT" ? 1 : 0));
    const payload = userPresencePayload({
      v,
      t,
      type,
      wasInActive,
      person: p,
      deviceIds: p.devices.filter((di) => !fv.filtered[di]).map((di) => devices[di]!.deviceId),
      buildingLocationId: t.buildings[bi]!.locationId,
      ts,
      visitStart,
      users: [a.users[bi * 4]!, a.users[bi * 4 + 1]!, a.users[bi * 4 + 2]!, a.users[bi * 4 + 3]!],
      pii: o.pii,
    });
    return record(v, uid, ts, "USER_PRESENCE", payload);
  }

  function deviceLines(
    v: StructureVersion,
    fv: FilterVersion,
    prevFv: FilterVersion,
    tick: number,
    cur: Snapshot,
    prev: Snapshot,
    a: Counts,
  ) {
    const ts = cur.ts;
    const period = o.updateMs;
    const was = ts - o.tickMs;
    for (let di = 0; di < devices.length; di++) {
      if (fv.filtered[di]) continue;
      const d = devices[di]!;
      const pi = d.person;
      const s1 = cur.dev[di]!;
      const s0 = prevFv.filtered[di] ? ABSENT : prev.dev[di]!;
      if (s0 !== s1 || (s1 !== ABSENT && cur.visit[pi] !== prev.visit[pi])) {
        const newVisit = s1 !== ABSENT && s0 !== ABSENT && cur.visit[pi] !== prev.visit[pi];
        if (s0 !== ABSENT && (s1 === ABSENT || newVisit))
          out.push(devicePresence(v, tick, ts, d, "DEVICE_EXIT_EVENT", prev.visit[pi]!, s0 === INACTIVE, a));
        if (s1 !== ABSENT && (s0 === ABSENT || newVisit))
          out.push(devicePresence(v, tick, ts, d, "DEVICE_ENTRY_EVENT", cur.visit[pi]!, false, a));
        else if (s1 === INACTIVE && s0 !== INACTIVE && s0 !== ABSENT)
          out.push(devicePresence(v, tick, ts, d, "DEVICE_IN_ACTIVE_EVENT", cur.visit[pi]!, false, a));
        else if (s0 === INACTIVE && s1 !== INACTIVE && s1 !== ABSENT)
          out.push(devicePresence(v, tick, ts, d, "DEVICE_ACTIVE_EVENT", cur.visit[pi]!, true, a));
      }
      if (s1 !== ACTIVE) continue;
      const phase = d.phase * period;
      if (Math.floor((ts + phase) / period) === Math.floor((was + phase) / period)) continue;
      model.locate(cur, pi);
      dlu.write(sink, v, w.key, tick, ts, d, t.floors[cur.floor[pi]!]!, cur.x[pi]!, cur.y[pi]!, cur.visit[pi]!);
      count++;
    }
  }

  function userLines(
    v: StructureVersion,
    fv: FilterVersion,
    tick: number,
    cur: Snapshot,
    prev: Snapshot,
    a: Counts,
    b: Counts,
  ) {
    const ts = cur.ts;
    for (const p of people) {
      const u1 = a.userState[p.index]!;
      const u0 = b.userState[p.index]!;
      if (!u1 && !u0) continue;
      const newVisit = u1 && u0 && cur.visit[p.index] !== prev.visit[p.index];
      if (u0 && (!u1 || newVisit))
        out.push(userPresence(v, fv, tick, ts, p, "USER_EXIT_EVENT", prev.visit[p.index]!, u0 === 3, a));
      if (u1 && (!u0 || newVisit))
        out.push(userPresence(v, fv, tick, ts, p, "USER_ENTRY_EVENT", cur.visit[p.index]!, false, a));
      else if (u1 === 3 && u0 === 1)
        out.push(userPresence(v, fv, tick, ts, p, "USER_IN_ACTIVE_EVENT", cur.visit[p.index]!, false, a));
      else if (u1 === 1 && u0 === 3)
        out.push(userPresence(v, fv, tick, ts, p, "USER_ACTIVE_EVENT", cur.visit[p.index]!, true, a));
    }
  }

  function cameraLines(v: StructureVersion, tick: number, ts: number, a: Sample, b: Sample) {
    for (const cam of t.cameras) {
      const n = a.cameras[cam.index]!;
      if (n === b.cameras[cam.index]) continue;
      const owner = cam.zone >= 0 ? t.zones[cam.zone]!.locationId : t.floors[cam.floor]!.locationId;
      out.push(countRecord(v, tick, ts, "RAW_CAMERA_COUNT", cam.index, rawCameraCountPayload(v, cam, owner, n)));
    }
    for (const owner of cameraOwners) {
      let n = 0;
      let before = 0;
      for (const c of owner.cameras) {
        n += a.cameras[c]!;
        before += b.cameras[c]!;
      }
      if (n !== before)
        out.push(
          countRecord(v, tick, ts, "CAMERA_COUNT", owner.subject, cameraCountPayload(v, owner.locationId, n, before)),
        );
    }
  }

  function webexLines(v: StructureVersion, tick: number, ts: number, prevTs: number, a: Sample, b: Sample) {
    for (const wx of t.webex) {
      const n = a.webex[wx.index]!;
      const changed = n !== b.webex[wx.index];
      const phase = (wx.index * 37_000) % TELEMETRY_MS;
      const periodic = Math.floor((ts + phase) / TELEMETRY_MS) !== Math.floor((prevTs + phase) / TELEMETRY_MS);
      if (changed)
        out.push(countRecord(v, tick, ts, "TP_PEOPLE_COUNT_UPDATE", wx.index, tpPeopleCountPayload(v, t, wx, n, ts)));
      if (changed || periodic)
        out.push(countRecord(v, tick, ts, "IOT_TELEMETRY", wx.index, iotTelemetryPayload(v, t, wx, n, ts)));
    }
  }

  function generate(tick: number, v: StructureVersion, fv: FilterVersion, into: Sink): number {
    const prev = snapshot(tick - 1);
    const b = counts(prev);
    const cur = snapshot(tick);
    const a = counts(cur);
    const ts = cur.ts;
    sink = into;
    count = 0;
    deviceLines(v, fv, w.filters.at(prev.ts), tick, cur, prev, a);
    userLines(v, fv, tick, cur, prev, a, b);
    if (isSampleTick(tick)) {
      const before = previousSampleTick(tick);
      const now = sample(tick);
      const then = sample(before);
      cameraLines(v, tick, ts, now, then);
      webexLines(v, tick, ts, before * o.tickMs, now, then);
    }
    if (crossed(ts, 60_000, 0)) {
      const m = counts(snapshot(tick - ticksPerMinute));
      const minute = Math.floor(ts / 60_000);
      for (const f of t.floors) {
        const payload = deviceCountPayload(
          v,
          f,
          { devices: a.floorDevices[f.index]!, users: a.floorUsers[f.index]! },
          { devices: m.floorDevices[f.index]! },
          minute,
        );
        out.push(countRecord(v, tick, ts, "DEVICE_COUNT", f.index, payload));
      }
    }
    sink = own;
    return count;
  }

  /** The cache key of a tick: counts of the tick before depend on that tick's versions too. */
  const versionKey = (ts: number) =>
    `${w.structure.at(ts).id}|${w.filters.at(ts).id}|${w.structure.at(ts - o.tickMs).id}|${w.filters.at(ts - o.tickMs).id}`;
  const remember = (tick: number, key: string, chunk: TickChunk) => {
    if (cache.size >= CHUNK_CACHE) cache.delete(cache.keys().next().value!);
    cache.set(tick, { key, chunk });
  };

  return {
    snapshot(tick, located = false) {
      const s = snapshot(tick);
      if (located) model.locateAll(s);
      return s;
    },
    counts: (tick) => counts(snapshot(tick)),
    sample,
    chunk(tick) {
      const ts = tick * o.tickMs;
      const key = versionKey(ts);
      const hit = cache.get(tick);
      if (hit && hit.key === key) return hit.chunk;
      own.reset();
      const n = generate(tick, w.structure.at(ts), w.filters.at(ts), own);
      const chunk = { bytes: own.take(), count: n };
      remember(tick, key, chunk);
      return chunk;
    },
    writeTick(tick, into, keep) {
      const ts = tick * o.tickMs;
      const key = versionKey(ts);
      const hit = cache.get(tick);
      if (hit && hit.key === key) {
        into.bytes(hit.chunk.bytes);
        return hit.chunk.count;
      }
      const start = into.len;
      const n = generate(tick, w.structure.at(ts), w.filters.at(ts), into);
      if (keep) remember(tick, key, { bytes: into.copy(start, into.len), count: n });
      return n;
    },
    lines(tick) {
      const text = this.chunk(tick).bytes.toString();
      return text ? text.slice(0, -1).split("\n") : [];
    },
  };
}
