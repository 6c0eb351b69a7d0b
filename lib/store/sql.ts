import { Prisma } from "@/generated/prisma/client";
import { isPostgresDb, type Db } from "./db";

// Raw SQL for reads that Prisma's query builder makes slow (history aggregates): the tagged-template
// builders and the one call that runs them. Parameters stay bound; nothing is spliced as text except
// through `raw`, which callers use only for column names they spell themselves.

export type Sql = Prisma.Sql;
export const sql = Prisma.sql;
export const raw = Prisma.raw;
export const join = Prisma.join;
export const empty = Prisma.empty;

/** Runs a SELECT built with `sql` and returns its rows. */
export function queryRows<T>(db: Db, query: Sql): Promise<T[]> {
  return db.$queryRaw<T[]>(query);
}

/**
 * A DateTime column as epoch milliseconds (an integer). SQLite holds DateTime as ISO text
 * ("2026-03-09T09:00:00.000+00:00", and binds a Date parameter as the same text); julianday keeps
 * the milliseconds and, rounded, is exact to the millisecond. PostgreSQL holds timestamp(3) in UTC.
 */
export const epochMs = (db: Db, column: string) =>
  isPostgresDb(db)
    ? sql`CAST(EXTRACT(EPOCH FROM ${raw(`"${column}"`)}) * 1000 AS BIGINT)`
    : sql`CAST(ROUND((julianday(${raw(`"${column}"`)}) - 2440587.5) * 86400000) AS INTEGER)`;
