import { describe, expect, it } from "vitest";
import { formatTable, jsonLine, percentile, round, verdict, type Target } from "./stats";
import { peakStart } from "./load";

describe("bench helpers", () => {
  it("takes percentiles by nearest rank, whatever the input order", () => {
    const xs = [50, 10, 40, 20, 30, 60, 70, 80, 90, 100];
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 95)).toBe(100);
    expect(percentile(xs, 99)).toBe(100);
    expect(percentile(xs, 10)).toBe(10);
    expect(percentile(xs, 0)).toBe(10);
    expect(percentile([], 50)).toBeNull();
    expect(xs[0]).toBe(50); // the samples are not sorted in place
  });

  it("rounds figures and keeps what could not be measured as null", () => {
    expect(round(12.345, 1)).toBe(12.3);
    expect(round(12.5, 0)).toBe(13);
    expect(round(null)).toBeNull();
    expect(round(Number.NaN)).toBeNull();
  });

  it("prints one JSON line with every figure in order, missing ones as null", () => {
    const line = jsonLine(["b", "a", "c"], { a: 1, b: 2.5 }, { mode: "quick" });
    expect(line).not.toContain("\n");
    expect(Object.keys(JSON.parse(line))).toEqual(["b", "a", "c", "mode"]);
    expect(JSON.parse(line)).toEqual({ b: 2.5, a: 1, c: null, mode: "quick" });
  });

  it("lines the table up: numbers right-aligned, text left, missing values as a dash", () => {
    const t = formatTable([
      ["name", "value"],
      ["ingest", 52_000],
      ["e2e p99", null],
    ]).split("\n");
    expect(t).toEqual(["name      value", "-------  ------", "ingest   52,000", "e2e p99       -"]);
  });

  it("judges targets both ways, against fixed and derived limits", () => {
    const min: Target = { figure: "ingest", kind: "min", value: (f) => 0.35 * (f.parse ?? Number.NaN), label: "" };
    const max: Target = { figure: "p99", kind: "max", value: 100, label: "" };
    expect(verdict(min, { ingest: 40, parse: 100 })).toBe("met");
    expect(verdict(min, { ingest: 30, parse: 100 })).toBe("missed");
    expect(verdict(min, { ingest: 30, parse: null })).toBe("n/a");
    expect(verdict(max, { p99: 100 })).toBe("met");
    expect(verdict(max, { p99: 101 })).toBe("missed");
    expect(verdict(max, {})).toBe("n/a"); // its scenario did not run
    expect(verdict(max, { p99: null })).toBe("missed: not measured"); // it ran and could not measure it
  });

  it("runs the simulated campus at a weekday lunchtime at least two hours ahead", () => {
    const now = Date.parse("2026-11-27T15:00:00Z"); // a Friday afternoon
    const start = peakStart(now);
    expect(new Date(start).toISOString()).toBe("2026-11-30T12:00:00.000Z"); // the next Monday
    expect(new Date(peakStart(Date.parse("2026-11-24T08:00:00Z"))).toISOString()).toBe("2026-11-24T12:00:00.000Z");
  });
});
