import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { driftCheckArgs, sqliteDriftUrl } from "../../scripts/migration-drift.mjs";
import { ROOT, removeDir, tempDir } from "../helpers/app-server";
import { createTempPgDatabase } from "../helpers/postgres";

// One data model (prisma/schema.prisma) serves SQLite and PostgreSQL: the PostgreSQL schema is derived
// from it, and each database's migrations must produce exactly its schema.
const prisma = createRequire(join(ROOT, "package.json")).resolve("prisma/build/index.js");
const run = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: "utf8", timeout: 120_000 });

describe("one data model for SQLite and PostgreSQL", () => {
  it("the PostgreSQL schema is the one derived from prisma/schema.prisma", () => {
    const r = run(["scripts/pg-schema.mjs", "--check"], {});
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("the SQLite migrations produce the schema", () => {
    const dir = tempDir();
    try {
      const r = run([prisma, ...driftCheckArgs("sqlite")], { DATABASE_URL: sqliteDriftUrl(dir) });
      expect(r.status, r.stdout + r.stderr).toBe(0);
    } finally {
      removeDir(dir);
    }
  });

  it("the PostgreSQL migrations produce the schema", async () => {
    const pgDb = await createTempPgDatabase("floorpulse_drift");
    try {
      const r = run([prisma, ...driftCheckArgs("postgres")], { DATABASE_URL: pgDb.url });
      expect(r.status, r.stdout + r.stderr).toBe(0);
    } finally {
      await pgDb.drop();
    }
  });
});
