import { Prisma } from "@/generated/prisma/client";
import type { Db } from "./db";

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
