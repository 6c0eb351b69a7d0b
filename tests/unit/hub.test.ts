import { describe, expect, it } from "vitest";
import { createHub, floorRoom, locationRoom } from "@/lib/realtime/hub";
import type { FloorDeltaMessage, LocationDelta } from "@/lib/realtime/protocol";
import { loc } from "../helpers/locations";

const tree = [loc("b", "BUILDING", null), loc("f1", "FLOOR", "b"), loc("f2", "FLOOR", "b")];
const occ = (count: number) => ({ count, source: "wifi_devices" as const, rollup: false, mixed: false, at: 1 });

function setup() {
  const sent: Array<[string, LocationDelta | FloorDeltaMessage]> = [];
  const hub = createHub({ location: (r, d) => sent.push([r, d]), floor: (r, d) => sent.push([r, d]) });
  hub.publish("t1", { locations: tree, counts: { f1: occ(3) } });
  hub.publish("t2", { locations: [loc("other", "FLOOR", null)], counts: { other: occ(9) } });
  return { hub, sent };
}

describe("realtime hub", () => {
  it("stamps each delta with the oldest record time behind it, for end-to-end latency", () => {
    const { hub, sent } = setup();
    hub.flush();
    sent.length = 0;
    hub.publish("t1", { counts: { f1: occ(4) }, floors: { f1: { moved: [[1, 2, 3]], removed: [] } }, oldestTs: 5_000 });
    hub.publish("t1", { counts: { f1: occ(5) }, floors: { f1: { moved: [[1, 4, 3]], removed: [] } }, oldestTs: 4_000 });
    hub.publish("t1", { counts: { f2: occ(1) } }); // no records behind it (e.g. a settings change)
    hub.flush();
    const byRoom = new Map(sent);
    expect(byRoom.get(locationRoom("t1", "f1"))!.t).toBe(4_000);
    expect(byRoom.get(floorRoom("t1", "f1"))!.t).toBe(4_000);
    expect(byRoom.get(locationRoom("t1", "f2"))!.t).toBeUndefined();
    sent.length = 0;
    hub.publish("t1", { counts: { f1: occ(6) }, oldestTs: 9_000 });
    hub.flush();
    expect(new Map(sent).get(locationRoom("t1", "f1"))!.t).toBe(9_000); // a new window starts afresh
  });

  it("hands the socket writer the earliest read time behind each delta, for the server-side latency", () => {
    const reads = new Map<string, number | undefined>();
    const hub = createHub({
      location: (r, _d, readAt) => reads.set(r, readAt),
      floor: (r, _d, readAt) => reads.set(r, readAt),
    });
    hub.publish("t1", { locations: tree });
    hub.flush();
    reads.clear();
    hub.publish("t1", { counts: { f1: occ(4) }, floors: { f1: { moved: [[1, 2, 3]], removed: [] } }, readAt: 700 });
    hub.publish("t1", { counts: { f1: occ(5) }, readAt: 650 });
    hub.publish("t1", { counts: { f2: occ(1) } }); // an admin's change: no record behind it
    hub.flush();
    expect(reads.get(locationRoom("t1", "f1"))).toBe(650);
    expect(reads.get(locationRoom("t1", null))).toBe(650);
    expect(reads.get(floorRoom("t1", "f1"))).toBe(700);
    expect(reads.has(locationRoom("t1", "f2"))).toBe(true);
    expect(reads.get(locationRoom("t1", "f2"))).toBeUndefined();
    reads.clear();
    hub.publish("t1", { counts: { f1: occ(6) }, readAt: 900 });
    hub.flush();
    expect(reads.get(locationRoom("t1", "f1"))).toBe(900); // a new window starts afresh
  });

  it("gives each tenant only its own locations", () => {
    const { hub } = setup();
    expect(
      hub
        .locationSnapshot("t1", null)!
        .locations.map((l) => l.id)
        .sort(),
    ).toEqual(["b", "f1", "f2"]);
    expect(hub.locationSnapshot("t2", null)!.counts).toEqual({ other: occ(9) });
    expect(hub.locationSnapshot("t1", "other")).toBeNull();
    expect(hub.floorSnapshot("t1", "other")).toBeNull();
  });

  it("sends a change to the rooms of the location, its ancestors and its tenant, numbered per room", () => {
    const { hub, sent } = setup();
    hub.flush();
    sent.length = 0;
    hub.publish("t1", { counts: { f2: occ(1) } });
    hub.publish("t1", { counts: { f2: occ(2) } });
    hub.flush();
    const rooms = sent.map(([r]) => r).sort();
    expect(rooms).toEqual([locationRoom("t1", null), locationRoom("t1", "b"), locationRoom("t1", "f2")].sort());
    const f2 = sent.find(([r]) => r === locationRoom("t1", "f2"))![1] as LocationDelta;
    expect(f2.counts).toEqual({ f2: occ(2) }); // coalesced: the latest value only
    expect(f2.seq).toBe(2); // the first flush sent the tree as seq 1
    expect(sent.find(([r]) => r === locationRoom("t1", null))![1].seq).toBe(2);
    expect(hub.locationSnapshot("t1", "f2")!.seq).toBe(2);
  });

  it("coalesces device moves and removals per floor", () => {
    const { hub, sent } = setup();
    hub.flush();
    sent.length = 0;
    hub.publish("t1", { floors: { f1: { moved: [[1, 1, 1]], removed: [] } } });
    hub.publish("t1", {
      floors: {
        f1: {
          moved: [
            [1, 2, 2],
            [2, 5, 5],
          ],
          removed: [],
        },
      },
    });
    hub.publish("t1", { floors: { f1: { moved: [], removed: [2] } } });
    hub.flush();
    expect(sent).toEqual([[floorRoom("t1", "f1"), { seq: 1, floorId: "f1", moved: [[1, 2, 2]], removed: [2] }]]);
    expect(hub.floorSnapshot("t1", "f1")!.devices).toEqual([[1, 2, 2]]);
  });
});
