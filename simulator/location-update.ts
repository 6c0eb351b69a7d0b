import type { Floor } from "./campus";
import { h2, h3, h5 } from "./hash";
import type { Device, Person } from "./people";
import { classification } from "./records";
import { enc, type Sink } from "./sink";
import type { StructureVersion } from "./structure";

// DEVICE_LOCATION_UPDATE, the record that is most of the stream, written straight into bytes from
// pieces encoded once (per device, per floor, per hierarchy version). Field order and values are
// those of locationUpdateLine's documented shape (Firehose "Event Types" and the DevNet "Sample Events" record).

const hash2 = h2;
const hash3 = h3;
const hash5 = h5;
const P_UID = enc(`{"recordUid":"event-`);
const P_TS = enc(`","recordTimestamp":`);
const P_LAST = enc(`","lastSeen":`);
const P_Y = enc(`,"yPos":`);
const P_CF = enc(`,"confidenceFactor":`);
const P_GEO = enc(`,"latitude":-999.0,"longitude":-999.0,"unc":0.0,"maxDetectedRssi":`);
const TYPE_CODE = 1 << 24;

export interface LocationUpdateWriter {
  write(
    sink: Sink,
    v: StructureVersion,
    tenantKey: number,
    tick: number,
    ts: number,
    d: Device,
    floor: Floor,
    x: number,
    y: number,
    visitStart: number,
  ): void;
}

export function createLocationUpdateWriter(
  people: Person[],
  devices: Device[],
  deviceJson: string[],
  floors: Floor[],
  pii: boolean,
): LocationUpdateWriter {
  const head = devices.map((d) => `{"device":${deviceJson[d.index]},"location":`);
  const mid = devices.map((d) => {
    const p = people[d.person]!;
    return `,"ssid":"${p.role === "guest" ? "Guest" : "Corp"}","rawUserId":${JSON.stringify(pii && p.hasUserId ? p.email : "")},"visitId":"visit-`;
  });
  const cls = devices.map((d) => `,"deviceClassification":"${classification(people[d.person]!)}","mapId":"`);
  const tail = devices.map((d) => enc(`,"ipv4":"${d.ipv4}","ipv6":[]}}\n`));
  // Per device, the long static parts for the floor and hierarchy version it was last seen with
  // (devices seldom change floors): everything from the envelope to "visit-", and the classification
  // with the map id.
  const front: Array<Buffer | undefined> = new Array(devices.length);
  const back: Array<Buffer | undefined> = new Array(devices.length);
  const frontKey = new Float64Array(devices.length).fill(-1);
  let versionId = -1;
  let envelope = "";
  let chains: string[] = [];

  return {
    write(sink, v, tenantKey, tick, ts, d, floor, x, y, visitStart) {
      if (v.id !== versionId) {
        versionId = v.id;
        envelope = v.mid("DEVICE_LOCATION_UPDATE", "deviceLocationUpdate");
        chains = floors.map((f) => v.chainJson(f.locationId));
        frontKey.fill(-1);
      }
      const di = d.index;
      if (frontKey[di] !== floor.index) {
        frontKey[di] = floor.index;
        front[di] = enc(envelope + head[di] + chains[floor.index] + mid[di]);
        back[di] = enc(`${cls[di]}${floor.mapId}","xPos":`);
      }
      const lo = tick >>> 0;
      const hi = Math.floor(tick / 4294967296);
      const what = TYPE_CODE | (di & 0xffffff);
      sink.bytes(P_UID);
      sink.hex8(hash5(tenantKey, lo, hi, what, 1));
      sink.hex8(hash5(tenantKey, lo, hi, what, 2));
      sink.bytes(P_TS);
      sink.int(ts);
      sink.bytes(front[di]!);
      sink.int(hash2(d.key, Math.floor(visitStart / 1000)));
      sink.bytes(P_LAST);
      sink.int(ts);
      sink.bytes(back[di]!);
      sink.cents(x);
      sink.bytes(P_Y);
      sink.cents(y);
      const h = hash3(d.key, Math.floor(ts / 1000), 5);
      sink.bytes(P_CF);
      sink.int(8 + (h % 24));
      sink.bytes(P_GEO);
      sink.int(-45 - (h % 35));
      sink.bytes(tail[di]!);
    },
  };
}
