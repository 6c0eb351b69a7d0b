import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { createDb, type Db } from "@/lib/store/db";
import { applyMigrations } from "@/lib/store/migrate";
import { removeDir, ROOT, tempDir } from "./app-server";

// A migrated SQLite file of its own for each test, beside the PostgreSQL one (./postgres.ts).

export interface TempSqliteDatabase {
  url: string;
  /** The folder holding the file (the app puts its key file beside it). */
  dir: string;
  db: Db;
  /** Disconnects and deletes the folder; never throws. */
  drop(): Promise<void>;
}

export async function createTempSqliteDatabase(file = "test.db"): Promise<TempSqliteDatabase> {
  const dir = tempDir();
  const url = `file:${join(dir, file)}`;
  await applyMigrations(ROOT, url);
  const db = createDb(url);
  return {
    url,
    dir,
    db,
    drop: async () => {
      await db.$disconnect().catch(() => {});
      removeDir(dir);
    },
  };
}

/** A database of its own for the enclosing describe block: made before its tests, dropped after them. */
export function useTempSqliteDatabase(): { readonly db: Db } {
  let sqlite: TempSqliteDatabase | undefined;
  beforeAll(async () => {
    sqlite = await createTempSqliteDatabase();
  });
  afterAll(async () => {
    await sqlite?.drop();
  });
  return {
    get db() {
      if (!sqlite) throw new Error("the database is made in beforeAll: read it inside a test");
      return sqlite.db;
    },
  };
}
