import type { Loads } from "./load";
import type { Figures } from "./stats";

export interface Context {
  quick: boolean;
  loads: Loads;
  /** Progress on stderr (stdout carries the table and the JSON line). */
  log(msg: string): void;
}

/** One row of the printed table: what was measured, its figure, and how it was measured. */
export type Row = [label: string, value: number | null, unit: string, note: string];

export interface Result {
  figures: Figures;
  rows: Row[];
}

export interface Scenario {
  name: string;
  /** The figures it produces (JSON names). */
  produces: string[];
  /** Seeds the SQLite file directly: left out with --db postgres. */
  sqliteOnly?: boolean;
  run(ctx: Context): Promise<Result>;
}
