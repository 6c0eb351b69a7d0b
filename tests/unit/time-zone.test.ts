import { describe, expect, it } from "vitest";
import { decodeLine } from "@/lib/firehose/decode";
import { buildHistory, MINUTE_MS, type SampleRow } from "@/lib/history/build";
import { windowFor } from "@/lib/history/query";
import { historyCsv, localIso } from "@/lib/history/table";
import { createEngine } from "@/lib/occupancy/engine";
import { canonicalTimeZone } from "@/lib/time/zone";

// The building's clock: zones Cisco states are checked and spelled one way, days are cut at the
// building's midnight (23 and 25 hours across daylight-saving changes), and exports carry its offset.

const HOUR = 60 * MINUTE_MS;

/** One minute of the shown series, `n` people all minute, from the camera. */
const row = (t: number, n: number): SampleRow => ({
  source: "shown",
  bucket: t,
  label: "camera",
  min: n,
  max: n,
  last: n,
  sum: n * 60,
  seconds: 60,
});

describe("time zone names from outside", () => {
  it("accepts IANA zones in Intl's spelling and refuses anything else", () => {
    expect(canonicalTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("europe/berlin")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("America/New_York")).toBe("America/New_York");
    for (const bad of [
      "Mars/Olympus_Mons",
      "",
      "../../etc/passwd",
      "Europe/Berlin\u0000",
      "x".repeat(100),
      42,
      null,
      undefined,
    ])
      expect(canonicalTimeZone(bad)).toBeNull();
  });
});

describe("day windows on the building's clock across daylight-saving changes", () => {
  it.each([
    // Europe/Berlin falls back on the last Sunday of October: a 25-hour day from 22:00Z to 23:00Z.
    ["Europe/Berlin", "2026-10-25T12:00:00Z", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z", 25],
    // And springs forward on the last Sunday of March: 23 hours.
    ["Europe/Berlin", "2026-03-29T12:00:00Z", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z", 23],
    ["America/New_York", "2026-11-01T12:00:00Z", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z", 25],
    ["America/New_York", "2026-03-08T12:00:00Z", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z", 23],
    ["America/New_York", "2026-07-14T02:00:00Z", "2026-07-13T04:00:00Z", "2026-07-14T04:00:00Z", 24],
  ])("%s on %s runs from local midnight to local midnight", (tz, at, from, to, hours) => {
    const w = windowFor({ range: "day", tz, now: Date.parse(at) });
    expect(new Date(w.from).toISOString()).toBe(new Date(Date.parse(from)).toISOString());
    expect(new Date(w.to).toISOString()).toBe(new Date(Date.parse(to)).toISOString());
    expect((w.to - w.from) / HOUR).toBe(hours);
  });

  it("gives a late evening in New York New York's day, not the next UTC day", () => {
    // 23:30 in New York is 03:30 UTC the next day: the window is still the New York day.
    const now = Date.parse("2026-07-15T03:30:00Z");
    expect(windowFor({ range: "day", tz: "America/New_York", now }).from).toBe(Date.parse("2026-07-14T04:00:00Z"));
    expect(windowFor({ range: "day", tz: "UTC", now }).from).toBe(Date.parse("2026-07-15T00:00:00Z"));
  });

  it("bins a 25-hour day into 25 hours of minutes and puts the peak at the building's time", () => {
    const tz = "Europe/Berlin";
    const { from, to } = windowFor({ range: "day", tz, now: Date.parse("2026-10-25T12:00:00Z") });
    // 12:30 local after the change is 11:30Z; before it (the first 02:30) is 00:30Z.
    const lunch = Date.parse("2026-10-25T11:30:00Z");
    const h = buildHistory({
      locationId: "b",
      range: "day",
      from,
      to,
      rows: [row(Date.parse("2026-10-25T00:30:00Z"), 3), row(Date.parse("2026-10-25T01:30:00Z"), 4), row(lunch, 40)],
      timeZone: tz,
      now: to,
    });
    expect(h.timeZone).toBe(tz);
    expect(h.stats.shown!.peak).toEqual({ value: 40, at: lunch });
    expect(localIso(lunch, tz)).toBe("2026-10-25T12:30:00+01:00");
    // Both 02:30s of the night are in the export, each with its own offset.
    const csv = historyCsv(h, ["shown"]);
    expect(csv).toContain("2026-10-25T02:30:00+02:00,3,camera");
    expect(csv).toContain("2026-10-25T02:30:00+01:00,4,camera");
    expect(csv).toContain("2026-10-25T12:30:00+01:00,40,camera");
  });
});

describe("the typical same weekday across a clock change", () => {
  it.each([
    // Berlin falls back on 25 October 2026: lunch at 12:30 was 10:30Z the Sunday before, 11:30Z on the day.
    ["Europe/Berlin", "2026-10-25T12:00:00Z", "2026-10-18T10:30:00Z", "2026-10-25T11:30:00Z"],
    // New York springs forward on 8 March 2026: 12:30 was 17:30Z the Sunday before, 16:30Z on the day.
    ["America/New_York", "2026-03-08T18:00:00Z", "2026-03-01T17:30:00Z", "2026-03-08T16:30:00Z"],
  ])("in %s, the previous Sunday's 12:30 is drawn at 12:30", (tz, day, lastWeekLunch, lunch) => {
    const w = windowFor({ range: "day", tz, now: Date.parse(day) });
    const prev = windowFor({ range: "day", tz, now: Date.parse(lastWeekLunch) });
    const h = buildHistory({
      locationId: "b",
      range: "day",
      from: w.from,
      to: w.to,
      rows: [],
      typicalWeeks: [{ ...prev, rows: [row(Date.parse(lastWeekLunch), 42)] }],
      timeZone: tz,
      now: w.to,
    });
    const drawn = h.rows.filter((r) => r.values.typical !== null && r.values.typical !== undefined);
    expect(drawn.map((r) => [localIso(r.t, tz), r.values.typical])).toEqual([[localIso(Date.parse(lunch), tz), 42]]);
    expect(localIso(Date.parse(lunch), tz).slice(11, 16)).toBe("12:30");
  });
});

describe("zones stated by the stream", () => {
  const chain = {
    locationId: "floor-1",
    name: "Floor 1",
    inferredLocationTypes: ["FLOOR"],
    parent: {
      locationId: "hq",
      name: "HQ",
      inferredLocationTypes: ["BUILDING"],
      parent: { locationId: "campus", name: "Campus", inferredLocationTypes: ["CAMPUS"] },
    },
  };
  const line = (uid: string, ts: number, timeZone: unknown) =>
    JSON.stringify({
      recordUid: uid,
      recordTimestamp: ts,
      spacesTenantId: "s",
      partnerTenantId: "p",
      eventType: "DEVICE_PRESENCE",
      devicePresence: {
        presenceEventType: "DEVICE_ENTRY_EVENT",
        device: { deviceId: `d-${uid}` },
        location: chain,
        timeZone,
      },
    });
  const apply = (engine: ReturnType<typeof createEngine>, l: string) => {
    const r = decodeLine(l);
    if (!r.ok) throw new Error(r.detail);
    engine.apply(r.event);
  };

  it("gives a presence record's zone to its building, once, and ignores a zone Intl does not know", () => {
    const engine = createEngine();
    apply(engine, line("a", 1_000, "europe/berlin"));
    let changes = engine.drain();
    expect(changes.locations.find((l) => l.id === "hq")?.timeZone).toBe("Europe/Berlin");
    expect(changes.locations.find((l) => l.id === "floor-1")?.timeZone).toBeUndefined();
    // The same zone again changes nothing (no write); a bad one leaves the known zone in place.
    apply(engine, line("b", 2_000, "Europe/Berlin"));
    apply(engine, line("c", 3_000, "Not/A_Zone"));
    changes = engine.drain();
    expect(changes.locations).toEqual([]);
    expect(engine.locations().find((l) => l.id === "hq")?.timeZone).toBe("Europe/Berlin");
    // A new zone is a change, and it survives a snapshot.
    apply(engine, line("d", 4_000, "America/New_York"));
    expect(engine.drain().locations.map((l) => [l.id, l.timeZone])).toEqual([["hq", "America/New_York"]]);
    expect(
      createEngine(engine.snapshot())
        .locations()
        .find((l) => l.id === "hq")?.timeZone,
    ).toBe("America/New_York");
  });

  it("takes a LOCATION_CHANGE's zone for the location it describes", () => {
    const engine = createEngine();
    const r = decodeLine(
      JSON.stringify({
        recordUid: "lc",
        recordTimestamp: 1_000,
        spacesTenantId: "s",
        partnerTenantId: "p",
        eventType: "LOCATION_CHANGE",
        locationHierarchyChange: {
          changeType: "UPDATE",
          location: chain.parent,
          locationDetails: { timeZone: "Asia/Tokyo", city: "Tokyo" },
        },
      }),
    );
    expect(r.ok).toBe(true);
    if (r.ok) engine.apply(r.event);
    expect(engine.locations().find((l) => l.id === "hq")?.timeZone).toBe("Asia/Tokyo");
  });
});
