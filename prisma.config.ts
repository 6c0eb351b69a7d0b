import { defineConfig } from "prisma/config";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// The CLI cannot download native engines on our machines; the JS engine with a driver adapter needs none.
process.env.DATABASE_URL ??= "file:./data/floorpulse.db";
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= "/bin/false";
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/false";
const url = process.env.DATABASE_URL;
mkdirSync(dirname(url.replace(/^file:/, "")), { recursive: true });

// 6.19's JS schema engine replays migrations with executeRaw(), and better-sqlite3 refuses more than one
// statement per prepare(): route those through executeScript() instead.
type Query = { sql: string; args: unknown[] };
type Raw = { executeRaw(q: Query): Promise<number>; executeScript(s: string): Promise<void> };
function multiStatementSafe<T extends object>(adapter: T): T {
  return new Proxy(adapter, {
    get(target, prop) {
      if (prop === "executeRaw") {
        return async (q: Query) => {
          const raw = target as unknown as Raw;
          try {
            return await raw.executeRaw(q);
          } catch (e) {
            if (e instanceof RangeError && /more than one statement/.test(e.message) && q.args.length === 0) {
              await raw.executeScript(q.sql);
              return 0;
            }
            throw e;
          }
        };
      }
      const v = Reflect.get(target, prop, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}
class SafeBetterSQLite3 extends PrismaBetterSQLite3 {
  override async connect() {
    return multiStatementSafe(await super.connect());
  }
  override async connectToShadowDb() {
    return multiStatementSafe(await super.connectToShadowDb());
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => new SafeBetterSQLite3({ url }),
});
