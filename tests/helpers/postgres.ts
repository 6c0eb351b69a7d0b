import { randomBytes } from "node:crypto";
import pg from "pg";

// This machine's PostgreSQL (trust auth): each test gets a database of its own and drops it after.

const SERVER = "postgresql://postgres@127.0.0.1:5432";

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export interface TempPgDatabase {
  url: string;
  /** Drops it, ending any connection still open; never throws. */
  drop(): Promise<void>;
}

export async function createTempPgDatabase(prefix = "floorpulse_test"): Promise<TempPgDatabase> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  await admin(`CREATE DATABASE "${name}"`);
  return {
    url: `${SERVER}/${name}`,
    drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {}),
  };
}
