import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";

export type Db = PrismaClient;

/** A Prisma client on the SQLite file a `file:` URL names (created with its folder when missing). */
export function createDb(databaseUrl: string): Db {
  const path = databaseUrl.replace(/^file:/, "");
  mkdirSync(dirname(path), { recursive: true });
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databaseUrl }) });
}
