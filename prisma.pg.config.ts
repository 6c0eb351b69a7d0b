import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { defineConfig } from "prisma/config";

// The PostgreSQL twin of prisma.config.ts, for `--config prisma.pg.config.ts`. Three workarounds for
// Prisma 6.19 with adapter-pg: catalog types the adapter cannot
// read, a shadow database that must be a real separate database, and dropping it after its pool closes.
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/floorpulse";
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= "/bin/false";
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/false";
const u = new URL(process.env.DATABASE_URL);
const pgConfig = {
  host: u.hostname,
  port: Number(u.port || 5432),
  user: decodeURIComponent(u.username),
  password: u.password ? decodeURIComponent(u.password) : undefined,
  database: u.pathname.slice(1),
  allowExitOnIdle: true,
};
const AS_TEXT: Record<number, true> = { 18: true, 19: true, 24: true, 194: true, 2205: true };
let patched = false;
function patchNameType(adapter: object) {
  if (patched) return;
  let proto = Object.getPrototypeOf(adapter);
  while (proto && !Object.hasOwn(proto, "performIO")) proto = Object.getPrototypeOf(proto);
  if (!proto) throw new Error("adapter-pg internals changed: performIO not found");
  const orig = proto.performIO;
  proto.performIO = async function (this: unknown, q: unknown) {
    const r = await orig.call(this, q);
    for (const res of Array.isArray(r) ? r : [r])
      for (const f of res?.fields ?? []) {
        if (f.dataTypeID in AS_TEXT) f.dataTypeID = 25;
        else if (f.dataTypeID === 1003) f.dataTypeID = 1009;
      }
    return r;
  };
  patched = true;
}
async function adminQuery(sql: string) {
  const c = new pg.Client({ ...pgConfig, database: "postgres" });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}
class PgForMigrate extends PrismaPg {
  override async connect() {
    const a = await super.connect();
    patchNameType(a);
    return a;
  }
  override async connectToShadowDb() {
    const name = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
    await adminQuery(`CREATE DATABASE "${name}"`);
    const a = await new PrismaPg({ ...pgConfig, database: name }).connect();
    patchNameType(a);
    const dispose = a.dispose.bind(a);
    a.dispose = async () => {
      await dispose();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    };
    return a;
  }
}
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma-pg/schema.prisma",
  migrations: { path: "prisma-pg/migrations" },
  adapter: async () => new PgForMigrate(pgConfig),
});
