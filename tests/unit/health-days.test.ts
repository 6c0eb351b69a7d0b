import { describe, expect, it } from "vitest";
import { classifyDay, DAY, MINUTE, summariseHistory, windowStart, type History } from "@/lib/health/days";

// A Wednesday noon, UTC; the window is the seven days ending today.
const NOW = Date.UTC(2026, 10, 25, 12, 0, 30);
const TODAY = Date.UTC(2026, 10, 25);

/** Every minute from `from` (inclusive) to `to` (exclusive). */
const minutes = (from: number, to: number) =>
  Array.from({ length: Math.max(0, (to - from) / MINUTE) }, (_, i) => from + i * MINUTE);
const day = (h: ReturnType<typeof summariseHistory>, component: string, date: string) =>
  h.rows.find((r) => r.component === component)!.days.find((d) => d.date === date)!;

describe("day-by-day status from minute checks", () => {
  it("shows no data for every day before the first check", () => {
    const h = summariseHistory({ minutes: [], previousMinute: null, problems: [] }, NOW);
    expect(h.dates).toEqual([
      "2026-11-19",
      "2026-11-20",
      "2026-11-21",
      "2026-11-22",
      "2026-11-23",
      "2026-11-24",
      "2026-11-25",
    ]);
    expect(h.rows.map((r) => r.component)).toEqual(["web", "realtime", "ingest", "database", "stream"]);
    expect(h.rows.every((r) => r.days.every((d) => d.status === "none"))).toBe(true);
    expect(h.lastCheckAt).toBeNull();
    expect(h.incidents).toEqual([]);
  });

  it("marks a day degraded after a short outage and keeps the other components up", () => {
    const yesterday = TODAY - DAY;
    const outageFrom = yesterday + 10 * 3_600_000;
    const history: History = {
      minutes: minutes(yesterday, NOW),
      previousMinute: null,
      problems: minutes(outageFrom, outageFrom + 30 * MINUTE).flatMap((at) => [
        { component: "stream", at, status: "down", detail: "no data for 95 s" },
        { component: "ingest", at, status: "degraded", detail: "reconnecting to Cisco Spaces" },
      ]),
    };
    const h = summariseHistory(history, NOW);
    expect(day(h, "stream", "2026-11-24")).toMatchObject({ status: "degraded", down: 30, up: 1410, missing: 0 });
    expect(day(h, "ingest", "2026-11-24")).toMatchObject({ status: "degraded", degraded: 30 });
    expect(day(h, "web", "2026-11-24").status).toBe("up");
    expect(day(h, "stream", "2026-11-25").status).toBe("up");
    expect(day(h, "stream", "2026-11-23").status).toBe("none");
    expect(h.incidents.map((i) => [i.component, i.status, i.from, i.to, i.ongoing])).toEqual(
      expect.arrayContaining([
        ["stream", "down", outageFrom, outageFrom + 30 * MINUTE, false],
        ["ingest", "degraded", outageFrom, outageFrom + 30 * MINUTE, false],
      ]),
    );
  });

  it("marks a day down when the component was down for half of it or more", () => {
    expect(classifyDay({ up: 700, degraded: 0, down: 740, missing: 0 })).toBe("down");
    expect(classifyDay({ up: 720, degraded: 0, down: 720, missing: 0 })).toBe("down");
    expect(classifyDay({ up: 721, degraded: 700, down: 19, missing: 0 })).toBe("degraded");
    expect(classifyDay({ up: 0, degraded: 0, down: 0, missing: 0 })).toBe("none");
  });

  it("counts minutes with no check at all as the app not running, for every component", () => {
    const start = TODAY - 2 * DAY;
    const stopped = start + 6 * 3_600_000;
    const restarted = stopped + 20 * 3_600_000; // 02:00 the next day
    const h = summariseHistory(
      { minutes: [...minutes(start, stopped), ...minutes(restarted, NOW)], previousMinute: null, problems: [] },
      NOW,
    );
    const first = day(h, "database", "2026-11-23");
    expect(first).toMatchObject({ status: "down", missing: 18 * 60, up: 6 * 60 });
    const second = day(h, "web", "2026-11-24");
    expect(second).toMatchObject({ status: "degraded", missing: 2 * 60, up: 22 * 60 });
    const gap = h.incidents.find((i) => i.component === "web")!;
    expect(gap).toMatchObject({ status: "down", from: stopped, to: restarted });
    expect(gap.detail).toMatch(/not running/);
  });

  it("does not call a restart of a minute or two an outage", () => {
    const from = TODAY;
    const ms = minutes(from, NOW).filter((m) => m !== from + 60 * MINUTE && m !== from + 61 * MINUTE);
    const h = summariseHistory({ minutes: ms, previousMinute: null, problems: [] }, NOW);
    expect(h.rows.every((r) => r.days.at(-1)!.status === "up")).toBe(true);
    expect(h.incidents).toEqual([]);
  });

  it("sees a gap that began before the window through the last minute before it", () => {
    const start = windowStart(NOW, 7);
    const h = summariseHistory(
      { minutes: minutes(start + 3 * 3_600_000, start + DAY), previousMinute: start - 5 * MINUTE, problems: [] },
      NOW,
    );
    expect(h.rows[0]!.days[0]).toMatchObject({ missing: 180, status: "degraded" });
  });

  it("merges bad minutes a minute apart into one incident and marks the one still going on", () => {
    const base = TODAY + 11 * 3_600_000;
    const ms = minutes(TODAY, NOW);
    const bad = [0, 1, 3, 4, 20].map((k) => ({
      component: "ingest",
      at: base + k * MINUTE,
      status: "degraded",
      detail: `k${k}`,
    }));
    const last = ms.at(-1)!;
    const h = summariseHistory(
      {
        minutes: ms,
        previousMinute: null,
        problems: [...bad, { component: "database", at: last, status: "down", detail: "query failed" }],
      },
      NOW,
    );
    const ingest = h.incidents.filter((i) => i.component === "ingest").sort((a, b) => a.from - b.from);
    expect(ingest.map((i) => [(i.from - base) / MINUTE, (i.to - base) / MINUTE, i.detail])).toEqual([
      [0, 5, "k4"],
      [20, 21, "k20"],
    ]);
    const db = h.incidents.find((i) => i.component === "database")!;
    expect(db).toMatchObject({ ongoing: true, status: "down", from: last });
    expect(h.lastCheckAt).toBe(last);
  });

  it("takes the worst of two checks recorded in the same minute and ignores rows it cannot read", () => {
    const at = TODAY + 5 * MINUTE;
    const h = summariseHistory(
      {
        minutes: minutes(TODAY, NOW),
        previousMinute: null,
        problems: [
          { component: "realtime", at, status: "degraded", detail: "a" },
          { component: "realtime", at: at + 10_000, status: "down", detail: "b" },
          { component: "teapot", at, status: "down", detail: null },
          { component: "web", at, status: "sideways", detail: null },
        ],
      },
      NOW,
    );
    expect(day(h, "realtime", "2026-11-25")).toMatchObject({ down: 1, degraded: 0 });
    expect(day(h, "web", "2026-11-25").status).toBe("up");
  });
});
