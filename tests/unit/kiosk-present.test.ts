import { describe, expect, it } from "vitest";
import { nearestWithRoom } from "@/lib/kiosk/nearby";
import { visitorIp } from "@/lib/kiosk/client-ip";
import { heardAtOf } from "@/components/realtime/use-location-feed";
import { loadConfigOrThrow } from "@/lib/config";
import {
  kioskBand,
  kioskFreshness,
  msUntilNightlyReload,
  pageRows,
  rotationPages,
  typicalAt,
  updatedAgo,
  usualWording,
} from "@/lib/kiosk/present";

const T = (capacity: number | null, targetCapacity: number | null = null) => ({ capacity, targetCapacity });

describe("kiosk band words", () => {
  it("says Plenty of space, Getting busy and Full across a room's capacity", () => {
    expect(kioskBand(3, T(10)).word).toBe("Plenty of space");
    expect(kioskBand(8, T(10)).word).toBe("Getting busy"); // 80% default target
    expect(kioskBand(10, T(10)).word).toBe("Full");
    expect(kioskBand(14, T(10)).word).toBe("Full");
    expect(kioskBand(5, T(10, 5)).word).toBe("Getting busy");
    expect(kioskBand(5, T(null)).word).toBe("No capacity set");
  });
});

describe("kiosk staleness", () => {
  const now = Date.UTC(2026, 10, 24, 12, 0, 0);
  it("is live until two minutes pass without an update, then stale since the last one", () => {
    const staleAfterMs = loadConfigOrThrow({}).KIOSK_STALE_AFTER_S * 1000;
    expect(staleAfterMs).toBe(120_000);
    expect(kioskFreshness(now - 119_000, true, now, staleAfterMs)).toEqual({ state: "live" });
    expect(kioskFreshness(now - 121_000, true, now, staleAfterMs)).toEqual({ state: "stale", since: now - 121_000 });
  });
  it("shows no data without a source or before any update", () => {
    expect(kioskFreshness(now, false, now, 120_000)).toEqual({ state: "none" });
    expect(kioskFreshness(undefined, true, now, 120_000)).toEqual({ state: "none" });
  });
  it("honours a configured threshold", () => {
    expect(kioskFreshness(now - 11_000, true, now, 10_000).state).toBe("stale");
  });
  it("dates a snapshot's counts by the server's ages, not by when they arrived", () => {
    const snap = {
      counts: {
        a: { count: 1, source: "camera" as const, rollup: false, mixed: false, at: now },
        b: { count: 2, source: "camera" as const, rollup: false, mixed: false, at: now - 300_000 },
      },
      ages: { a: 200_000 },
    };
    const heard = heardAtOf(snap, now);
    expect(heard.a).toBe(now - 200_000); // the age wins over a recent event time
    expect(heard.b).toBe(now - 300_000); // no age: the event time, when not in the future
    expect(heardAtOf({ counts: { c: { ...snap.counts.a, at: now + 60_000 } } }, now).c).toBe(now);
  });
  it("words the time since the last update", () => {
    expect(updatedAgo(now - 4_000, now)).toBe("updated 4 s ago");
    expect(updatedAgo(now - 190_000, now)).toBe("updated 3 min ago");
    expect(updatedAgo(null, now)).toBe("no updates yet");
  });
});

describe("rotation", () => {
  const locs = [
    { id: "root", name: "Root", type: "ROOT", parentId: null },
    { id: "campus", name: "Campus", type: "CAMPUS", parentId: "root" },
    { id: "hq", name: "HQ", type: "BUILDING", parentId: "campus" },
    { id: "annex", name: "Annex", type: "BUILDING", parentId: "campus" },
    { id: "f10", name: "Floor 10", type: "FLOOR", parentId: "hq" },
    { id: "f2", name: "Floor 2", type: "FLOOR", parentId: "hq" },
    { id: "f1", name: "Floor 1", type: "FLOOR", parentId: "hq" },
    { id: "z2", name: "Room 2", type: "ZONE", parentId: "f1" },
    { id: "z1", name: "Cafe", type: "ZONE", parentId: "f1" },
  ];
  it("rotates a building through its floors in the order people number them", () => {
    expect(rotationPages(locs, "hq")).toEqual(["f1", "f2", "f10"]);
  });
  it("rotates a campus or the root through its buildings", () => {
    expect(rotationPages(locs, "campus")).toEqual(["annex", "hq"]);
    expect(rotationPages(locs, "root")).toEqual(["annex", "hq"]);
  });
  it("shows a floor or a room on its own, and nothing for an unknown scope", () => {
    expect(rotationPages(locs, "f1")).toEqual(["f1"]);
    expect(rotationPages(locs, "z1")).toEqual(["z1"]);
    expect(rotationPages(locs, "nope")).toEqual([]);
    expect(rotationPages(locs, "annex")).toEqual(["annex"]); // a building with no floors yet
  });
  it("lists a page's rooms by name", () => {
    expect(pageRows(locs, "f1")).toEqual(["z1", "z2"]);
  });
  it("lists a building's floors even with a wing (a GROUP node) between them", () => {
    const winged = [
      ...locs,
      { id: "wing", name: "East wing", type: "OTHER", parentId: "annex" },
      { id: "e1", name: "East 1", type: "FLOOR", parentId: "wing" },
      { id: "a1", name: "Annex 1", type: "FLOOR", parentId: "annex" },
    ];
    expect(pageRows(winged, "annex")).toEqual(["a1", "e1"]);
    expect(rotationPages(winged, "annex")).toEqual(["a1"]); // the nearest level of floors
    expect(pageRows(winged, "hq")).toEqual(["f1", "f2", "f10"]);
  });
});

describe("nightly reload", () => {
  it("waits until 03:00 local time, today or tomorrow", () => {
    const evening = new Date(2026, 10, 24, 22, 0, 0);
    expect(msUntilNightlyReload(evening)).toBe(5 * 3_600_000);
    const early = new Date(2026, 10, 24, 1, 30, 0);
    expect(msUntilNightlyReload(early)).toBe(90 * 60_000);
    expect(msUntilNightlyReload(new Date(2026, 10, 24, 3, 0, 0))).toBe(24 * 3_600_000);
    expect(msUntilNightlyReload(early, 3, 42)).toBe(90 * 60_000 + 42);
  });
});

describe("quieter or busier than usual", () => {
  it("compares the live number with the typical same weekday", () => {
    expect(usualWording(20, 40, 2)).toBe("Quieter than usual for a Tuesday");
    expect(usualWording(60, 40, 2)).toBe("Busier than usual for a Tuesday");
    expect(usualWording(42, 40, 5)).toBe("About as busy as usual for a Friday");
    expect(usualWording(5, 0, 1)).toBe("Busier than usual for a Monday");
  });
  it("says nothing without history or with too few people to compare", () => {
    expect(usualWording(20, null, 2)).toBeNull();
    expect(usualWording(1, 2, 2)).toBeNull();
  });
  it("reads the typical value of the bin that holds now", () => {
    const s: Array<[number, number | null]> = [
      [0, 5],
      [600, 9],
      [1200, null],
    ];
    expect(typicalAt(s, 700)).toBe(9);
    expect(typicalAt(s, 1300)).toBeNull();
    expect(typicalAt(s, -1)).toBeNull();
  });
});

describe("you are here", () => {
  const zones = [
    {
      id: "a",
      name: "Far room",
      polygon: [
        [100, 100],
        [110, 100],
        [110, 110],
        [100, 110],
      ] as Array<[number, number]>,
      thresholds: T(10),
      count: 2,
    },
    {
      id: "b",
      name: "Near room",
      polygon: [
        [10, 10],
        [20, 10],
        [20, 20],
        [10, 20],
      ] as Array<[number, number]>,
      thresholds: T(10),
      count: 1,
    },
    {
      id: "c",
      name: "Full room",
      polygon: [
        [0, 0],
        [5, 0],
        [5, 5],
        [0, 5],
      ] as Array<[number, number]>,
      thresholds: T(4),
      count: 4,
    },
    { id: "d", name: "No capacity", polygon: null, thresholds: T(null), count: 1 },
    { id: "e", name: "No outline", polygon: null, thresholds: T(10), count: 0 },
    { id: "f", name: "No data", polygon: null, thresholds: T(10), count: null },
  ];
  it("lists rooms with space nearest first, leaving out full, unknown and silent ones", () => {
    const r = nearestWithRoom(zones, { x: 2, y: 2, zoneId: null }, 5);
    expect(r.map((z) => z.id)).toEqual(["b", "a", "e"]);
    expect(r[0]!.word).toBe("Plenty of space");
  });
  it("puts the room the visitor stands in first", () => {
    expect(nearestWithRoom(zones, { x: 105, y: 105, zoneId: null })[0]).toMatchObject({ id: "a", distanceFt: 0 });
  });
  it("takes the phone's address from the TCP peer, and behind trusted proxies the entry the outermost one appended", () => {
    const h = (m: Record<string, string>) => ({ get: (n: string) => m[n] ?? null });
    expect(visitorIp(h({ "x-floorpulse-client-ip": "::ffff:10.16.0.12", "x-forwarded-for": "10.16.0.99" }), 0)).toBe(
      "10.16.0.12",
    );
    expect(visitorIp(h({ "x-floorpulse-client-ip": "127.0.0.1", "x-forwarded-for": "10.16.0.99" }), 1)).toBe(
      "10.16.0.99",
    );
    // A client-written entry on the left is never the answer, at one hop or two.
    expect(
      visitorIp(h({ "x-floorpulse-client-ip": "127.0.0.1", "x-forwarded-for": "10.16.0.50, 10.16.0.99" }), 1),
    ).toBe("10.16.0.99");
    expect(
      visitorIp(
        h({ "x-floorpulse-client-ip": "127.0.0.1", "x-forwarded-for": "10.16.0.50, 10.16.0.99, 192.0.2.7" }),
        2,
      ),
    ).toBe("10.16.0.99");
    expect(visitorIp(h({ "x-floorpulse-client-ip": "nonsense" }), 0)).toBeNull();
  });
});
