import { percentile } from "@/tests/helpers/percentile";

export { percentile };
// Pure helpers of the bench: percentiles, rounding, the table and the one JSON line. No I/O.

/** Rounds to `digits` decimals; null stays null (a figure that could not be measured). */
export function round(v: number | null | undefined, digits = 1): number | null {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export type Figure = number | null;
export type Figures = Record<string, Figure>;

export interface Target {
  /** The figure the target is about. */
  figure: string;
  /** "max": the figure must be at most `value`; "min": at least. */
  kind: "max" | "min";
  value: number | ((f: Figures) => number);
  label: string;
  /** A correctness figure (catch-up equality, accuracy against ground truth): missing it fails the run (exit code 1). */
  correctness?: boolean;
}

export type Verdict = "met" | "missed" | "missed: not measured" | "n/a";

/**
 * A figure the run did not produce (its scenario was left out) is "n/a"; one its scenario should have
 * measured but could not (null: a metric absent, a step failed) is a miss, never a pass.
 */
export function verdict(t: Target, f: Figures): Verdict {
  const v = f[t.figure];
  if (v === undefined) return "n/a";
  if (v === null) return "missed: not measured";
  const limit = typeof t.value === "number" ? t.value : t.value(f);
  if (!Number.isFinite(limit)) return "n/a";
  return (t.kind === "max" ? v <= limit : v >= limit) ? "met" : "missed";
}

/** A plain-text table: the first row is the header; columns padded, numbers right-aligned. */
export function formatTable(rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  if (!rows.length) return "";
  const cells = rows.map((r) =>
    r.map((c) => (c === null ? "-" : typeof c === "number" ? c.toLocaleString("en-US") : c)),
  );
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const numeric = (i: number) => rows.slice(1).every((r) => typeof r[i] === "number" || r[i] === null);
  const line = (r: string[]) =>
    r
      .map((c, i) => (numeric(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(cells[0]!), rule, ...cells.slice(1).map(line)].join("\n");
}

/** The last line of a run: every figure by name, in the given order, missing ones as null. */
export function jsonLine(names: readonly string[], figures: Figures, extra: Record<string, unknown> = {}): string {
  const out: Record<string, unknown> = {};
  for (const n of names) out[n] = figures[n] ?? null;
  return JSON.stringify({ ...out, ...extra });
}
