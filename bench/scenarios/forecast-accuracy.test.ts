import { describe, expect, it } from "vitest";
import {
  meanIn,
  pointFor,
  quarterRows,
  sameLocalTime,
  summarizeForecast,
  type ForecastPair,
} from "./forecast-accuracy";

// forecast_mape_1h of `npm run bench -- --only accuracy`: how a forecast made at T is lined up with
// what happened an hour later, and judged.

const QH = 15 * 60_000;
const T = Date.UTC(2026, 2, 9, 10);

const pair = (
  expected: number,
  actual: number,
  low: number | null = null,
  high: number | null = null,
): ForecastPair => ({
  id: "f",
  level: "floor",
  madeAt: T,
  target: T + 3_600_000,
  expected,
  low,
  high,
  actual,
});

describe("lining a forecast up with what happened", () => {
  const points = [0, 1, 2, 3, 4, 5].map((i) => ({ t: T + i * QH, expected: i, low: null, high: null }));

  it("takes the quarter hour that holds the moment, its start included and its end not", () => {
    expect(pointFor(points, T + 4 * QH)?.expected).toBe(4);
    expect(pointFor(points, T + 4 * QH + 14 * 60_000)?.expected).toBe(4);
    expect(pointFor(points, T + 5 * QH)?.expected).toBe(5);
    expect(pointFor(points, T + 6 * QH)).toBeNull();
    expect(pointFor(points, T - 1)).toBeNull();
  });

  it("averages the minute-by-minute truth over that quarter hour, as the forecast averages it", () => {
    const samples = Array.from({ length: 20 }, (_, m) => ({ t: T + m * 60_000, v: m < 15 ? (m < 5 ? 30 : 0) : 99 }));
    expect(meanIn(samples, T, T + QH)).toBeCloseTo(10);
    expect(meanIn(samples, T + 30 * 60_000, T + 45 * 60_000)).toBeNull();
  });

  it("finds the same local time on an earlier week, across a daylight-saving change", () => {
    // Monday 9 March 2026, 10:00 in New York (EDT, UTC−4) was 10:00 EST (UTC−5) a week before.
    const t = Date.UTC(2026, 2, 9, 14);
    expect(new Date(sameLocalTime("America/New_York", t, -7)).toISOString()).toBe("2026-03-02T15:00:00.000Z");
    expect(new Date(sameLocalTime("America/New_York", t, 0, 3)).toISOString()).toBe("2026-03-09T17:00:00.000Z");
    expect(new Date(sameLocalTime("Europe/London", t, -14)).toISOString()).toBe("2026-02-23T14:00:00.000Z");
  });
});

describe("the quick run's history from the truth", () => {
  it("stores each quarter hour's mean as if held for the whole quarter hour, and leaves out quarter hours without samples", () => {
    const samples = new Map([
      [
        "f",
        [
          { t: T, v: 10 },
          { t: T + 5 * 60_000, v: 20 },
          { t: T + 10 * 60_000, v: 30 },
          { t: T + 30 * 60_000, v: 4 },
        ],
      ],
    ]);
    const rows = quarterRows(samples, T, T + 3 * QH);
    expect(rows).toEqual([
      {
        locationId: "f",
        series: "shown",
        label: "truth",
        bucket: T,
        min: 10,
        max: 30,
        last: 30,
        sum: 20 * 900,
        seconds: 900,
      },
      {
        locationId: "f",
        series: "shown",
        label: "truth",
        bucket: T + 2 * QH,
        min: 4,
        max: 4,
        last: 4,
        sum: 4 * 900,
        seconds: 900,
      },
    ]);
  });
});

describe("judging forecasts", () => {
  it("gives the mean absolute percentage error over actuals of at least one person", () => {
    const s = summarizeForecast([pair(110, 100), pair(30, 40), pair(2, 0.4)]);
    expect(s.samples).toBe(2);
    expect(s.mape).toBeCloseTo((10 + 25) / 2);
    expect(s.p90).toBeCloseTo(25);
    expect(s.small).toBe(1);
    // The quiet quarter hour still counts in the absolute error.
    expect(s.mae).toBeCloseTo((10 + 10 + 1.6) / 3);
  });

  it("counts how often what happened lay inside the interval, over forecasts that have one", () => {
    const s = summarizeForecast([pair(100, 100, 90, 110), pair(100, 120, 90, 110), pair(50, 50), pair(50, 90, 40, 90)]);
    expect(s.withInterval).toBe(3);
    expect(s.coverage).toBeCloseTo((2 / 3) * 100);
  });

  it("has no percentage without a sample", () => {
    expect(summarizeForecast([])).toMatchObject({ samples: 0, mape: null, p90: null, mae: null, coverage: null });
    expect(summarizeForecast([pair(3, 0)])).toMatchObject({ samples: 0, mape: null, mae: 3, small: 1 });
  });
});
