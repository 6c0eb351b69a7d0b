import type { Prisma } from "@/generated/prisma/client";
import { isPostgresDb, type Db } from "./db";

/**
 * Multi-row `INSERT … ON CONFLICT (key) DO UPDATE` for the ingest's hot tables. One Prisma `upsert`
 * per row cost about a quarter of the server's CPU in the query compiler; one statement per chunk of
 * rows does the same work in the database. Values are bound parameters (never spliced into the SQL);
 * Dates go through the driver adapter exactly as in Prisma's own writes, so rows read back the same.
 */
export interface UpsertSpec<R> {
  table: string;
  columns: readonly string[];
  key: readonly string[];
  /** The row's values in `columns` order. */
  values: (row: R) => unknown[];
}

// The historical SQLite limit on bound parameters per statement (newer builds allow 32,766);
// PostgreSQL allows 65,535. Staying under both keeps one code path.
const MAX_PARAMS = 999;

const quote = (name: string) => `"${name}"`;

export function upsertRowsSql(spec: UpsertSpec<unknown>, rows: number, postgres: boolean): string {
  const n = spec.columns.length;
  const placeholder = (i: number) => (postgres ? `$${i + 1}` : "?");
  const tuples = Array.from(
    { length: rows },
    (_, r) => `(${spec.columns.map((_, c) => placeholder(r * n + c)).join(", ")})`,
  );
  const updates = spec.columns.filter((c) => !spec.key.includes(c)).map((c) => `${quote(c)} = excluded.${quote(c)}`);
  return (
    `INSERT INTO ${quote(spec.table)} (${spec.columns.map(quote).join(", ")}) VALUES ${tuples.join(", ")} ` +
    `ON CONFLICT (${spec.key.map(quote).join(", ")}) DO UPDATE SET ${updates.join(", ")}`
  );
}

/**
 * The statements that upsert `rows`, for use inside `db.$transaction([...])`. A key given twice keeps
 * its last row (PostgreSQL refuses to touch one row twice in a statement; sequential upserts kept the last).
 */
export function upsertRows<R>(db: Db, spec: UpsertSpec<R>, rows: R[]): Prisma.PrismaPromise<number>[] {
  const keyIdx = spec.key.map((k) => spec.columns.indexOf(k));
  const byKey = new Map<string, unknown[]>();
  for (const row of rows) {
    const v = spec.values(row);
    const k = JSON.stringify(keyIdx.map((i) => (v[i] instanceof Date ? (v[i] as Date).getTime() : v[i])));
    byKey.delete(k); // re-insert so the last row keeps the later position
    byKey.set(k, v);
  }
  const all = [...byKey.values()];
  const perChunk = Math.floor(MAX_PARAMS / spec.columns.length);
  const postgres = isPostgresDb(db);
  const out: Prisma.PrismaPromise<number>[] = [];
  for (let i = 0; i < all.length; i += perChunk) {
    const chunk = all.slice(i, i + perChunk);
    out.push(db.$executeRawUnsafe(upsertRowsSql(spec as UpsertSpec<unknown>, chunk.length, postgres), ...chunk.flat()));
  }
  return out;
}
