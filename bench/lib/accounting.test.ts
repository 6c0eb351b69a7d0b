import { describe, expect, it } from "vitest";
import { classify, createSeqTracker, seqOf } from "./accounting";

describe("what a bench client received", () => {
  it("counts a client that got every delta in order as neither dropped nor lagging", () => {
    const t = createSeqTracker();
    t.snapshot("floor:f1", 7, false);
    expect([8, 9, 10].map((s) => t.delta("floor:f1", s))).toEqual([1, 1, 1]);
    expect(t.tally).toMatchObject({ deltas: 3, missed: 0, gaps: 0, resyncs: 0 });
    expect(classify([t.tally])).toEqual({ dropped: 0, lagging: 0, missed: 0 });
  });

  it("counts a sequence gap as deltas missed, stood for by the next delta's latency, and drops the client", () => {
    const t = createSeqTracker();
    t.snapshot("loc:null", 1, false);
    expect(t.delta("loc:null", 2)).toBe(1);
    expect(t.delta("loc:null", 5)).toBe(3); // 3 and 4 never came: they count as arriving with 5
    expect(t.tally).toMatchObject({ missed: 2, gaps: 1 });
    expect(classify([t.tally])).toEqual({ dropped: 1, lagging: 0, missed: 2 });
  });

  it("keeps rooms apart", () => {
    const t = createSeqTracker();
    t.snapshot("loc:null", 10, false);
    t.snapshot("floor:f1", 3, false);
    t.delta("loc:null", 11);
    t.delta("floor:f1", 4);
    expect(t.tally.gaps).toBe(0);
  });

  it("counts a pushed snapshot as lagging, with the deltas it replaced owed to the next delta", () => {
    const t = createSeqTracker();
    t.snapshot("floor:f1", 1, false);
    t.delta("floor:f1", 2);
    t.snapshot("floor:f1", 6, true); // 3..6 were dropped by the server and replaced
    expect(t.tally).toMatchObject({ resyncs: 1, missed: 4, gaps: 0 });
    expect(t.delta("floor:f1", 7)).toBe(5);
    expect(classify([t.tally])).toEqual({ dropped: 0, lagging: 1, missed: 4 });
  });

  it("counts a disconnect as dropped, and starts over from the next snapshot", () => {
    const t = createSeqTracker();
    t.snapshot("floor:f1", 1, false);
    t.disconnected();
    t.snapshot("floor:f1", 40, false); // the server moved on meanwhile: no gap after a fresh watch
    t.delta("floor:f1", 41);
    expect(t.tally).toMatchObject({ disconnects: 1, gaps: 0 });
    expect(classify([t.tally, createSeqTracker().tally])).toEqual({ dropped: 1, lagging: 0, missed: 0 });
  });

  it("starts a new window on reset, keeping where each room is", () => {
    const t = createSeqTracker();
    t.snapshot("floor:f1", 1, false);
    t.delta("floor:f1", 3);
    t.reset();
    t.delta("floor:f1", 4);
    expect(t.tally).toMatchObject({ deltas: 1, gaps: 0, missed: 0 });
  });

  it("reads the sequence number from a raw Socket.IO packet without decoding it", () => {
    expect(seqOf('2["floor:delta",{"seq":1234,"floorId":"f","moved":[],"removed":[]}]')).toBe(1234);
    expect(seqOf('2["location:delta",{"scope":null,"seq":9,"locations":[]}]')).toBe(9);
    expect(seqOf('30[{"scope":null,"seq":0,"locations":[]}]')).toBe(0);
    expect(seqOf('2["kiosk:revoked"]')).toBeNull();
  });
});
