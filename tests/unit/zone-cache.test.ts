import { describe, expect, it } from "vitest";
import { cachedZoneCount, startOfDay } from "@/lib/history/tz";

describe("zone formatters", () => {
  it("keeps one formatter per zone, however many spellings of it are asked about", () => {
    startOfDay(Date.UTC(2026, 5, 1), "Europe/Berlin");
    const before = cachedZoneCount();
    const spellings = ["europe/berlin", "EUROPE/BERLIN", "Europe/berlin", "eUROPE/bERLIN", "europe/BERLIN"];
    for (const tz of spellings)
      expect(startOfDay(Date.UTC(2026, 5, 1, 12), tz)).toBe(startOfDay(Date.UTC(2026, 5, 1, 12), "Europe/Berlin"));
    expect(cachedZoneCount()).toBe(before);
  });
  it("refuses a zone that is no zone instead of caching it", () => {
    const before = cachedZoneCount();
    expect(() => startOfDay(0, "Mars/Olympus_Mons")).toThrow(RangeError);
    expect(cachedZoneCount()).toBe(before);
  });
});
