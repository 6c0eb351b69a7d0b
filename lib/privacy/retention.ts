import type { Config } from "@/lib/config";

// How long what we keep is kept: one place for the ingest worker, time travel and the /privacy page.

/** Minute counts per location (the history charts). */
export const ROLLUP_RETENTION_DAYS = 366;
export const ROLLUP_RETENTION_MS = ROLLUP_RETENTION_DAYS * 24 * 3_600_000;

/** Device positions for time travel, from POSITION_RETENTION_HOURS (default 24). */
export function positionRetentionMs(config: Pick<Config, "POSITION_RETENTION_HOURS">): number {
  return config.POSITION_RETENTION_HOURS * 3_600_000;
}

/** "24 hours", "30 minutes", "7 days": the retention in words. */
export function retentionInWords(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.round(minutes / 60);
  if (hours <= 72 || hours % 24 !== 0) return `${hours} hours`;
  return `${hours / 24} days`;
}
