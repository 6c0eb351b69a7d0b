import { describe, expect, it } from "vitest";
import { evaluate, nextLevel, type AlertLevel } from "@/lib/alerts/evaluate";
import { bandOf, effectiveTarget } from "@/lib/alerts/level";
import { readingsOf } from "@/lib/alerts/service";

const t = { capacity: 100, targetCapacity: 70 };

describe("capacity bands in words and colours", () => {
  it("is comfortable below the target, busy from it, full at the maximum and over it above", () => {
    expect(bandOf(69, t)).toMatchObject({ band: "ok", word: "Comfortable", percent: 69 });
    expect(bandOf(70, t)).toMatchObject({ band: "busy", word: "Busy", percent: 70 });
    expect(bandOf(100, t)).toMatchObject({ band: "full", word: "Full", percent: 100 });
    expect(bandOf(104, t)).toMatchObject({ band: "full", word: "Over capacity", percent: 104 });
  });

  it("takes 80% of the maximum as the target when none is set, and says when there is no capacity", () => {
    expect(effectiveTarget({ capacity: 50, targetCapacity: null })).toBe(40);
    expect(bandOf(40, { capacity: 50, targetCapacity: null }).band).toBe("busy");
    expect(bandOf(40, { capacity: null, targetCapacity: null })).toMatchObject({
      band: "unknown",
      word: "No capacity set",
      percent: null,
    });
    expect(bandOf(12, { capacity: null, targetCapacity: 10 })).toMatchObject({ band: "busy", percent: null });
  });
});

describe("threshold crossings with hysteresis", () => {
  const walk = (counts: number[], start: AlertLevel = "ok") => {
    const seen: AlertLevel[] = [];
    let level = start;
    for (const c of counts) seen.push((level = nextLevel(level, c, t)));
    return seen;
  };

  it("stays busy while the count hovers just under the target, and clears 5% below it", () => {
    // target 70, margin 4: leaves busy only at 66 or less.
    expect(walk([69, 70, 69, 67, 66])).toEqual(["ok", "busy", "busy", "busy", "ok"]);
  });

  it("stays full until the count falls 5% below the maximum", () => {
    // maximum 100, margin 5: full until 95 or less.
    expect(walk([100, 99, 96, 95, 60])).toEqual(["full", "full", "full", "busy", "ok"]);
  });

  it("raises one alert per crossing and clears the old level when the level changes", () => {
    let levels = new Map<string, AlertLevel>();
    const events: string[] = [];
    for (const [count, at] of [
      [50, 1],
      [72, 2],
      [69, 3],
      [101, 4],
      [98, 5],
      [40, 6],
    ] as const) {
      const r = evaluate(levels, [{ locationId: "f1", count, at, ...t }]);
      levels = r.levels;
      events.push(...r.events.map((e) => `${e.kind} ${e.level} @${e.at}`));
    }
    expect(events).toEqual(["raised busy @2", "cleared busy @4", "raised full @4", "cleared full @6"]);
  });

  it("clears an open alert when the capacity is removed", () => {
    const r = evaluate(new Map([["f1", "full"]]), [
      { locationId: "f1", count: 500, at: 9, capacity: null, targetCapacity: null },
    ]);
    expect(r.events).toEqual([{ kind: "cleared", level: "full", locationId: "f1", count: 500, at: 9 }]);
  });
});

describe("what the ingest hands to the alert service", () => {
  it("takes counts that have a source and a time, and skips those with no data", () => {
    expect(
      readingsOf({
        a: { count: 5, source: "camera", rollup: false, mixed: false, at: 10 },
        b: { count: 0, source: null, rollup: false, mixed: false, at: null },
      }),
    ).toEqual([{ locationId: "a", count: 5, at: 10 }]);
  });
});
