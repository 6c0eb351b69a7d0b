import type { Logger } from "@/lib/log";
import { DAY, floorMinute, MINUTE } from "./days";
import { pruneChecks, writeChecks } from "@/lib/store/health-checks";
import { runChecks } from "./run-checks";
import type { ComponentCheck, HealthSources } from "./types";

// Every minute: check every component and write the results in one batched write, so the status
// page can show each day up, degraded or down. Old rows are pruned once an hour.

export interface HealthRecorderOptions {
  sources: HealthSources;
  log: Logger;
  now?: () => number;
  intervalMs?: number;
  /** The first check waits at least this long, so a fresh start is not recorded as "connecting". */
  warmupMs?: number;
  retentionMs?: number;
  onChecks?(checks: ComponentCheck[]): void;
  /** False while this process holds no stream (a standby worker): the active worker records, not it. */
  active?: () => boolean;
}

export interface HealthRecorder {
  /** Checks and records now; resolves with what was written (null when the write failed). */
  recordNow(): Promise<ComponentCheck[] | null>;
  last(): { at: number; checks: ComponentCheck[] } | null;
  close(): Promise<void>;
}

export function startHealthRecorder(o: HealthRecorderOptions): HealthRecorder {
  const log = o.log.child({ module: "health" });
  const now = o.now ?? Date.now;
  const intervalMs = o.intervalMs ?? MINUTE;
  const retentionMs = o.retentionMs ?? 8 * DAY;
  let last: { at: number; checks: ComponentCheck[] } | null = null;
  let lastPrune = -Infinity;
  let failing = false;
  let closed = false;
  let running: Promise<ComponentCheck[] | null> | null = null;
  let timer: NodeJS.Timeout | undefined;

  const record = async (): Promise<ComponentCheck[] | null> => {
    if (o.active && !o.active()) return null;
    const at = now();
    const checks = await runChecks(o.sources, at, log);
    last = { at, checks };
    o.onChecks?.(checks);
    try {
      await writeChecks(o.sources.db, floorMinute(at), checks);
      if (failing) log.info("health checks recorded again");
      failing = false;
      if (at - lastPrune >= 3_600_000) {
        lastPrune = at;
        const removed = await pruneChecks(o.sources.db, at - retentionMs);
        if (removed) log.debug({ removed }, "old health checks pruned");
      }
      return checks;
    } catch (e) {
      if (!failing)
        log.error({ err: (e as Error).message }, "could not record health checks (logged once until it works again)");
      failing = true;
      return null;
    }
  };

  const recordNow = () => (running ??= record().finally(() => (running = null)));

  // Aligned to interval boundaries so each minute gets one check whatever the start time.
  const schedule = (minDelay: number) => {
    if (closed) return;
    const t = now();
    let next = Math.ceil((t + 1) / intervalMs) * intervalMs;
    while (next - t < minDelay) next += intervalMs;
    timer = setTimeout(() => {
      void recordNow().finally(() => schedule(0));
    }, next - t);
  };
  schedule(o.warmupMs ?? Math.min(20_000, intervalMs / 2));

  return {
    recordNow,
    last: () => last,
    async close() {
      closed = true;
      clearTimeout(timer);
      await running;
    },
  };
}
