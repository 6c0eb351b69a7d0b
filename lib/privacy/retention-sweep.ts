import type { Logger } from "@/lib/log";
import type { Db } from "@/lib/store/db";
import { pruneHistory } from "@/lib/store/ingest-batch";
import { ROLLUP_RETENTION_MS } from "./retention";

// Retention on a timer: device positions and minute counts older than their windows are deleted
// whether or not a stream runs (a deactivated customer's positions must still go after 24 hours).
// Ingest also prunes by event time as it writes; both deletions are idempotent.

export interface RetentionSweep {
  close(): void;
}

export function startRetentionSweep(o: {
  db: Db;
  log: Logger;
  positionRetentionMs: number;
  now?: () => number;
  everyMs?: number;
}): RetentionSweep {
  const log = o.log.child({ module: "retention" });
  const now = o.now ?? Date.now;
  // Often enough that no position outlives its window by more than a quarter of it, at least hourly.
  const everyMs = o.everyMs ?? Math.min(3_600_000, o.positionRetentionMs / 4);
  let failing = false;
  const sweep = async () => {
    const t = now();
    try {
      await pruneHistory(o.db, t - o.positionRetentionMs, t - ROLLUP_RETENTION_MS);
      if (failing) log.info("retention sweep works again");
      failing = false;
    } catch (e) {
      if (!failing)
        log.error({ err: (e as Error).message }, "retention sweep failed (logged once until it works again)");
      failing = true;
    }
  };
  const timer = setInterval(() => void sweep(), everyMs);
  timer.unref();
  void sweep();
  return { close: () => clearInterval(timer) };
}
