import type { Logger } from "@/lib/log";
import type { Db } from "@/lib/store/db";
import { pingDatabase } from "@/lib/store/ping";
import { checkDatabase, checkIngest, checkRealtime, checkStream, checkWeb, type DbProbe } from "./checks";
import type { ComponentCheck, HealthSources, IngestSnapshot } from "./types";

// The I/O half of the checks: ask the database and the running parts, then judge with checks.ts.

export const DB_TIMEOUT_MS = 5_000;

/** `SELECT 1` with a deadline. The error itself is logged, never shown: the status page is public. */
export async function probeDatabase(db: Db, log?: Logger, timeoutMs = DB_TIMEOUT_MS): Promise<DbProbe> {
  const probe = async (): Promise<DbProbe> => {
    try {
      return { ok: true, ms: await pingDatabase(db) };
    } catch (e) {
      log?.warn({ err: (e as Error).message }, "database health probe failed");
      return { ok: false, error: "query failed" };
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<DbProbe>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: `no answer within ${timeoutMs / 1000} s` }), timeoutMs);
  });
  try {
    return await Promise.race([probe(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** A failing source is a down component, not a failed health check. */
export function readIngest(sources: HealthSources): IngestSnapshot[] | null {
  try {
    return sources.ingest();
  } catch {
    return null;
  }
}

/** Every component's check as of `now`, in COMPONENTS order. */
export async function runChecks(sources: HealthSources, now: number, log?: Logger): Promise<ComponentCheck[]> {
  const snaps = readIngest(sources);
  const database = checkDatabase(await probeDatabase(sources.db, log));
  const ingest = snaps
    ? checkIngest(snaps)
    : { component: "ingest" as const, status: "down" as const, detail: "ingest status unavailable" };
  const stream = snaps
    ? checkStream(snaps, now)
    : { component: "stream" as const, status: "down" as const, detail: "ingest status unavailable" };
  return [checkWeb(), checkRealtime(() => sources.realtime()), ingest, database, stream];
}
