import { describe, expect, it } from "vitest";
import { windowFor } from "@/lib/history/query";
import { clockChange } from "@/lib/history/tz";
import { repeated, wallBinsOf, wallDay, wallMs } from "@/lib/history/wall-clock";

// The typical same weekday lines up by the building's wall clock across daylight-saving changes.

const MIN = 60_000;
const HOUR = 60 * MIN;
const dayOf = (iso: string, tz: string) => windowFor({ range: "day", tz, now: Date.parse(iso) });

describe("wall-clock time within a building's day", () => {
  it("finds the instant the clocks change, and by how much", () => {
    const fall = dayOf("2026-10-25T12:00:00Z", "Europe/Berlin");
    expect(clockChange(fall.from, fall.to, "Europe/Berlin")).toEqual({
      at: Date.parse("2026-10-25T01:00:00Z"),
      ms: -HOUR,
    });
    const spring = dayOf("2026-03-08T12:00:00Z", "America/New_York");
    expect(clockChange(spring.from, spring.to, "America/New_York")).toEqual({
      at: Date.parse("2026-03-08T07:00:00Z"),
      ms: HOUR,
    });
    const plain = dayOf("2026-10-18T12:00:00Z", "Europe/Berlin");
    expect(clockChange(plain.from, plain.to, "Europe/Berlin")).toBeNull();
  });

  it("puts 12:30 at 12 h 30 min of wall time on a 25-hour day, and counts the repeated hour once", () => {
    const w = dayOf("2026-10-25T12:00:00Z", "Europe/Berlin");
    const d = wallDay(w.from, w.to, "Europe/Berlin");
    expect(wallMs(d, Date.parse("2026-10-25T11:30:00Z"))).toBe(12 * HOUR + 30 * MIN); // 12:30 CET
    expect(wallMs(d, Date.parse("2026-10-25T00:30:00Z"))).toBe(2 * HOUR + 30 * MIN); // the first 02:30 (CEST)
    expect(repeated(d)).toEqual({ from: Date.parse("2026-10-25T01:00:00Z"), to: Date.parse("2026-10-25T02:00:00Z") });
    // Each of the 1,500 minutes shows a wall minute; the second 02:xx shows the same as the first.
    const bins = wallBinsOf(d, MIN, 1500);
    expect(bins[12 * 60 + 30 + 60]).toBe(12 * 60 + 30);
    expect(bins[2 * 60 + 30]).toBe(bins[3 * 60 + 30]);
    expect(Math.max(...bins)).toBe(24 * 60 - 1);
  });

  it("skips the hour a 23-hour day does not have", () => {
    const w = dayOf("2026-03-08T12:00:00Z", "America/New_York");
    const d = wallDay(w.from, w.to, "America/New_York");
    expect(repeated(d)).toBeNull();
    const bins = wallBinsOf(d, MIN, 23 * 60);
    expect(bins[2 * 60]).toBe(3 * 60); // 03:00 comes straight after 01:59
    expect(bins.at(-1)).toBe(24 * 60 - 1);
  });
});
