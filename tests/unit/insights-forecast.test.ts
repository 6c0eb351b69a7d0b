import { describe, expect, it } from "vitest";
import { slotsFromMinutes } from "@/lib/insights/figures";
import { BINS_PER_DAY, dayCurves, forecastSentence, forecastToday } from "@/lib/insights/forecast";

// The forecast on hand-made curves: as usual, busier than usual, a quiet day, missing weeks and data,
// and a day that loses an hour to daylight saving.

const QH = 15 * 60_000;
const day0 = Date.UTC(2026, 11, 4); // a Friday, UTC
const binStart = (b: number) => day0 + b * QH;
/** A curve: `level` people from 08:00 to 18:00, 2 before and after 12:00–13:00 lunch dip to half. */
const office = (level: number) =>
  Array.from({ length: BINS_PER_DAY }, (_, b) => (b >= 32 && b < 72 ? (b >= 48 && b < 52 ? level / 2 : level) : 0));
const upTo = (curve: Array<number | null>, bin: number) => curve.map((v, b) => (b < bin ? v : null));

describe("forecast for the rest of today", () => {
  it("follows the typical curve when today runs as usual, with the weeks' spread as interval", () => {
    const f = forecastToday({
      weeks: [office(18), office(20), office(22)],
      today: upTo(office(20), 40),
      nowBin: 40,
      binStart,
    });
    expect(f.weeks).toBe(3);
    expect(f.ratio).toBe(1);
    const at = (b: number) => f.points.find((p) => p.t === binStart(b))!;
    expect(at(40)).toEqual({ t: binStart(40), expected: 20, low: 17.4, high: 22.6 }); // sd 2 × 1.28
    expect(at(50).expected).toBe(10);
    expect(at(80)).toEqual({ t: binStart(80), expected: 0, low: 0, high: 0 });
    expect(f.points[0]!.t).toBe(binStart(40));
    expect(f.points.at(-1)!.t).toBe(binStart(95));
  });

  it("scales by today's deviation, fading back to typical further ahead", () => {
    const f = forecastToday({ weeks: [office(20), office(20)], today: upTo(office(30), 40), nowBin: 40, binStart });
    expect(f.ratio).toBe(1.5);
    const at = (b: number) => f.points.find((p) => p.t === binStart(b))!.expected;
    expect(at(40)).toBe(30);
    expect(at(48)).toBeCloseTo(10 * (1 + 0.5 * Math.exp(-1)), 1); // lunch, one fade period later
    expect(at(70)).toBeLessThan(21);
    expect(at(70)).toBeGreaterThan(20);
    // Two identical weeks: no spread to speak of.
    expect(f.points[0]!.low).toBe(30);
  });

  it("shifts instead of scaling when the recent hours are nearly empty", () => {
    const quiet = office(0.5);
    const f = forecastToday({ weeks: [quiet, quiet], today: upTo(office(2.5), 40), nowBin: 40, binStart });
    expect(f.ratio).toBeNull();
    expect(f.points[0]!.expected).toBe(2.5);
  });

  it("leaves out weeks and minutes without data, and has no interval from a single week", () => {
    const empty = new Array<number | null>(BINS_PER_DAY).fill(null);
    const today = upTo(office(20), 40).map((v, b) => (b >= 36 && b < 40 ? null : v)); // the last hour missing
    const f = forecastToday({ weeks: [office(20), empty], today, nowBin: 40, binStart });
    expect(f.weeks).toBe(1);
    expect(f.ratio).toBe(1);
    expect(f.points[0]).toEqual({ t: binStart(40), expected: 20, low: null, high: null });
    expect(forecastToday({ weeks: [], today, nowBin: 40, binStart }).points).toEqual([]);
  });

  it("reads each day on the building's wall clock across the spring-forward night", () => {
    const tz = "Europe/Berlin";
    // Sunday 29 March 2026: 02:00–03:00 does not exist; 09:00 CEST is 07:00 UTC, 09:00 a week before was 08:00 UTC.
    const rows = [
      ...Array.from({ length: 60 }, (_, i) => ({
        t: Date.UTC(2026, 2, 29, 7) + i * 60_000,
        sum: 600,
        seconds: 60,
        max: 10,
      })),
      ...Array.from({ length: 60 }, (_, i) => ({
        t: Date.UTC(2026, 2, 22, 8) + i * 60_000,
        sum: 360,
        seconds: 60,
        max: 6,
      })),
    ];
    const days = dayCurves(slotsFromMinutes("z", rows, null), tz);
    expect([...days.keys()].sort()).toEqual(["2026-03-22", "2026-03-29"]);
    expect(days.get("2026-03-29")!.curve.slice(36, 40)).toEqual([10, 10, 10, 10]);
    expect(days.get("2026-03-22")!.curve.slice(36, 40)).toEqual([6, 6, 6, 6]);
    expect(days.get("2026-03-29")!.weekday).toBe(7);
  });
});

describe("the kiosk's sentence", () => {
  const f = forecastToday({ weeks: [office(20), office(22)], today: upTo(office(21), 40), nowBin: 40, binStart });

  it("says when it usually gets quieter", () => {
    expect(forecastSentence(f, 21, "UTC")).toBe("Usually quieter after 12:00.");
  });

  it("says when it usually gets busier, or that it stays about the same", () => {
    const morning = forecastToday({
      weeks: [office(20), office(22)],
      today: upTo(office(21), 28),
      nowBin: 28,
      binStart,
    });
    expect(forecastSentence(morning, 0, "UTC")).toBe("Usually busier from 08:00.");
    const flat = forecastToday({ weeks: [office(20), office(20)], today: upTo(office(20), 52), nowBin: 52, binStart }); // 13:00: the office stays full until 18:00
    expect(forecastSentence(flat, 20, "UTC")).toBe("Usually about this busy for the next few hours.");
  });
});
