import type { Db } from "./db";

/** Connects (when not yet connected), then times one trivial query in ms. */
export async function pingDatabase(db: Db): Promise<number> {
  // Only the query is timed: a client's first connect (engine start-up) is not the database being slow.
  await db.$connect();
  const started = performance.now();
  await db.$queryRawUnsafe("SELECT 1");
  return performance.now() - started;
}
