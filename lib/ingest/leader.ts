import { createHash } from "node:crypto";
import pg from "pg";
import type { Logger } from "@/lib/log";

// One active worker per activation: a PostgreSQL advisory lock held on a dedicated connection. When
// the holder dies its connection closes, the lock is free, and a standby polling for it takes over.

export interface Leadership {
  /** Resolves once this process holds the lock. */
  acquired: Promise<void>;
  /** Resolves if the lock is lost after it was acquired (the connection broke). */
  lost: Promise<void>;
  release(): Promise<void>;
}

export const lockKey = (name: string) => createHash("sha256").update(name).digest().readBigInt64BE(0).toString();

export function holdAdvisoryLock(databaseUrl: string, name: string, log: Logger, pollMs = 1_000): Leadership {
  const client = new pg.Client({ connectionString: databaseUrl });
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let onLost!: () => void;
  const lost = new Promise<void>((r) => (onLost = r));
  client.on("error", (e) => {
    log.error({ err: e.message, lock: name }, "lost the database connection holding the ingest lock");
    onLost();
  });

  const acquired = (async () => {
    await client.connect();
    const key = lockKey(name);
    let announced = false;
    while (!stopped) {
      const r = await client.query<{ ok: boolean }>("select pg_try_advisory_lock($1::bigint) as ok", [key]);
      if (r.rows[0]?.ok) {
        log.info({ lock: name }, "ingest lock acquired: this worker is active");
        return;
      }
      if (!announced) log.info({ lock: name }, "another worker is active: standing by");
      announced = true;
      await new Promise<void>((resolve) => (timer = setTimeout(resolve, pollMs)));
    }
    throw new Error("stopped before acquiring the lock");
  })();
  acquired.catch(() => {});

  return {
    acquired,
    lost,
    async release() {
      stopped = true;
      clearTimeout(timer);
      await client.end().catch(() => {});
    },
  };
}
