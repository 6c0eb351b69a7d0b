import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { PrismaClient as PgPrismaClient } from "@/generated/prisma-pg/client";

export type Db = PrismaClient;

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

// Clients made for PostgreSQL, so raw SQL can pick its dialect (the two clients share one API).
const pgClients = new WeakSet<object>();
export const isPostgresDb = (db: Db) => pgClients.has(db);

/**
 * A Prisma client for a database URL: `file:` opens SQLite (creating its folder), `postgres://`
 * PostgreSQL. Both clients are generated from the same data model, so they share one API.
 */
export function createDb(databaseUrl: string): Db {
  if (isPostgresUrl(databaseUrl)) {
    const db = new PgPrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) }) as unknown as Db;
    pgClients.add(db);
    return db;
  }
  const path = databaseUrl.replace(/^file:/, "");
  mkdirSync(dirname(path), { recursive: true });
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databaseUrl, timeout: SQLITE_BUSY_TIMEOUT_MS }) });
}

/**
 * How long a query waits for another process's lock on the SQLite file. better-sqlite3 waits
 * synchronously, so the whole server (pages, sockets, health) stands still meanwhile: with the default
 * 5 s, a few background reads in a row (activation poll, session sweep, outbox) froze it long enough
 * for requests to time out. Our own process never holds a lock that long; a failed write is retried.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 1_000;
