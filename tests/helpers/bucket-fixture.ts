import type { Bucket } from "@/lib/occupancy/rollup";

// Minute rollups for the batch-write tests: distinct values in every column, so a column written
// wrong or not at all shows up in the comparison.

export const MIN = 60_000;
export const T0 = Date.UTC(2026, 10, 25, 9, 0);

export const bucket = (
  locationId: string,
  minute: number,
  count: number,
  series = "shown",
  label: string | null = "camera",
): Bucket => ({
  locationId,
  series,
  label,
  bucket: T0 + minute * MIN,
  min: count - 1,
  max: count + 2,
  last: count,
  sum: count * 37.25,
  seconds: 37.25,
});
