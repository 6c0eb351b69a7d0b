import { describe, expect, it } from "vitest";
import { compareMoment, inversionsOf, summarize, truthOf, worst, type TruthLocation } from "@/tests/helpers/accuracy";
import { localWeekdayAt } from "./accuracy";
import { outsideTolerance } from "@/tests/helpers/truth";

// The accuracy figures of `npm run bench -- --only accuracy`: how shown counts are judged against the
// simulator's truth.

const loc = (id: string, level: TruthLocation["level"], people: number, peopleSource = true): TruthLocation => ({
  id,
  name: id,
  level,
  people,
  peopleSource,
});

describe("accuracy against ground truth", () => {
  it("gives the mean and 90th percentile of absolute percentage errors per level", () => {
    const truth = [loc("b", "building", 100), loc("f1", "floor", 50), loc("f2", "floor", 50)];
    const moments = [
      compareMoment(1, truth, { counts: { b: 110, f1: 40, f2: 50 }, parents: {} }),
      compareMoment(2, truth, { counts: { b: 100, f1: 75, f2: 55 }, parents: {} }),
    ];
    const s = summarize(moments);
    expect(s.levels.building.mape).toBeCloseTo(5); // 10 % and 0 %
    expect(s.levels.floor.samples).toBe(4); // 20, 0, 50, 10 %
    expect(s.levels.floor.mape).toBeCloseTo(20);
    expect(s.levels.floor.p90).toBeCloseTo(50);
    expect(s.levels.floor.mae).toBeCloseTo((10 + 0 + 25 + 5) / 4);
    expect(worst(moments, "floor", 1)[0]).toMatchObject({ id: "f1", at: 2, truth: 50, shown: 75 });
  });

  it("gives no percentage for truth 0: a number shown there is a phantom, judged by absolute error", () => {
    const m = compareMoment(1, [loc("f", "floor", 0), loc("g", "floor", 0)], { counts: { f: 3, g: 0 }, parents: {} });
    expect(m.errors.map((e) => e.ape)).toEqual([null, null]);
    const s = summarize([m]);
    expect(s.levels.floor).toMatchObject({ samples: 0, mape: null, p90: null, phantoms: 1, small: 2 });
    expect(s.levels.floor.mae).toBeCloseTo(1.5);
  });

  it("judges zones with fewer than five people by absolute error, and leaves out zones without a people source", () => {
    const truth = [loc("meet", "zone", 2), loc("cafe", "zone", 20), loc("open", "zone", 30, false)];
    const m = compareMoment(1, truth, { counts: { meet: 4, cafe: 18, open: 60 }, parents: {} });
    const s = summarize([m]);
    expect(s.levels.zone).toMatchObject({ samples: 1, small: 1 });
    expect(s.levels.zone.mape).toBeCloseTo(10);
    const all = summarize([m], { allZones: true });
    expect(all.levels.zone.samples).toBe(2);
    expect(all.levels.zone.mape).toBeCloseTo((10 + 100) / 2);
  });

  it("counts a location showing no number while people are there as 100 % off and missing", () => {
    const s = summarize([compareMoment(1, [loc("f", "floor", 12)], { counts: { f: null }, parents: {} })]);
    expect(s.levels.floor).toMatchObject({ mape: 100, missing: 1 });
  });

  it("finds every parent that shows fewer people than one of its children", () => {
    const shown = {
      counts: { hq: 126, f1: 54, f2: 130, z: 3, campus: null },
      parents: { hq: "campus", f1: "hq", f2: "hq", z: "f1" },
    };
    expect(inversionsOf(shown)).toEqual([{ parentId: "hq", childId: "f2", parent: 126, child: 130 }]);
    expect(summarize([compareMoment(1, [], shown), compareMoment(2, [], shown)]).inversions).toBe(2);
    expect(inversionsOf({ counts: { hq: 130, f2: 130 }, parents: { f2: "hq" } })).toEqual([]);
  });

  it("reads levels, names and zone people sources from the simulator's world and occupancy", () => {
    const truth = truthOf(
      {
        locations: [
          { locationId: "b", name: "HQ", type: "BUILDING" },
          { locationId: "z1", name: "Cafe", type: "ZONE" },
        ],
        zones: [
          { locationId: "z1", cameras: ["Q2"], webexDeviceId: null },
          { locationId: "z2", cameras: [], webexDeviceId: null },
        ],
      },
      {
        timestamp: 0,
        buildings: [{ locationId: "b", people: 9 }],
        floors: [{ locationId: "f", people: 9 }],
        zones: [
          { locationId: "z1", people: 4 },
          { locationId: "z2", people: 5 },
        ],
      },
    );
    expect(truth).toEqual([
      { id: "b", name: "HQ", level: "building", people: 9, peopleSource: true },
      { id: "f", name: "f", level: "floor", people: 9, peopleSource: true },
      { id: "z1", name: "Cafe", level: "zone", people: 4, peopleSource: true },
      { id: "z2", name: "z2", level: "zone", people: 5, peopleSource: false },
    ]);
  });

  it("lets a fault suite's end state differ from the truth as an estimate does, but not as a broken view does", () => {
    const truth = [
      loc("hq", "building", 60),
      loc("f1", "floor", 40),
      loc("f2", "floor", 20),
      loc("night", "floor", 2),
      loc("z", "zone", 9),
    ];
    const at = (counts: Record<string, number | null>) =>
      outsideTolerance(compareMoment(0, truth, { counts, parents: {} }));
    // An estimate a little off, a few people at night, any zone: fine.
    expect(at({ hq: 63, f1: 34, f2: 24, night: 5, z: 0 })).toEqual([]);
    // Presence lost (a busy floor near 0), devices counted twice, a floor with people and no number.
    expect(at({ hq: 58, f1: 3, f2: 20, night: 2, z: 9 })).toEqual([
      expect.stringContaining("floor f1: shown 3 for 40"),
    ]);
    expect(at({ hq: 58, f1: 40, f2: 40, night: 2, z: 9 })).toEqual([
      expect.stringContaining("floor f2: shown 40 for 20"),
    ]);
    expect(at({ hq: null, f1: 40, f2: 20, night: 2, z: 9 })).toEqual([
      expect.stringContaining("building hq: shown nothing for 60"),
    ]);
    // Devices shown as people (twice the truth), as before people estimates: caught now.
    expect(at({ hq: 60, f1: 40, f2: 45, night: 2, z: 9 })).toEqual([
      expect.stringContaining("floor f2: shown 45 for 20"),
    ]);
  });
});

describe("the accuracy bench's simulated day", () => {
  it("starts at a local hour of a weekday at least two days ahead, in the world's time zone, across a DST change", () => {
    // Friday 6 March 2026: the next weekday two days on is Monday 9 March, the day after US clocks go forward.
    const now = Date.UTC(2026, 2, 6, 18);
    expect(new Date(localWeekdayAt("America/New_York", 7, now)).toISOString()).toBe("2026-03-09T11:00:00.000Z");
    expect(new Date(localWeekdayAt("Europe/London", 7, now)).toISOString()).toBe("2026-03-09T07:00:00.000Z");
    // Summer in London (BST): 07:00 local is 06:00 UTC.
    expect(new Date(localWeekdayAt("Europe/London", 7, Date.UTC(2026, 6, 1))).toISOString()).toBe(
      "2026-07-03T06:00:00.000Z",
    );
  });
});
