/** What ingest did with every line it read; each skipped line is counted under its reason. */
export interface IngestCounters {
  lines: number;
  applied: Record<string, number>;
  duplicates: number;
  skipped: Record<string, number>;
}

export function createCounters(): IngestCounters {
  return { lines: 0, applied: {}, duplicates: 0, skipped: {} };
}

export function bump(map: Record<string, number>, key: string): number {
  return (map[key] = (map[key] ?? 0) + 1);
}
