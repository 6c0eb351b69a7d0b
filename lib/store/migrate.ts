import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { createDb, isPostgresUrl } from "./db";

/**
 * Applies the committed migrations (SQLite or PostgreSQL by URL) with `prisma migrate deploy`, unless
 * the database already has every one: the CLI costs seconds (over ten on PostgreSQL) even when idle.
 */
export async function applyMigrations(root: string, databaseUrl: string): Promise<void> {
  const pg = isPostgresUrl(databaseUrl);
  const dir = join(root, pg ? "prisma-pg/migrations" : "prisma/migrations");
  const wanted = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  const applied = await appliedMigrations(databaseUrl);
  if (wanted.every((m) => applied.has(m))) return;
  await runDeploy(root, databaseUrl, pg ? "prisma.pg.config.ts" : "prisma.config.ts");
}

async function appliedMigrations(databaseUrl: string): Promise<Set<string>> {
  const db = createDb(databaseUrl);
  try {
    const rows = await db.$queryRawUnsafe<Array<{ migration_name: string }>>(
      'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    return new Set(rows.map((r) => r.migration_name));
  } catch {
    return new Set(); // a new database: no migrations table yet
  } finally {
    await db.$disconnect();
  }
}

function runDeploy(root: string, databaseUrl: string, config: string): Promise<void> {
  const cli = createRequire(join(root, "package.json")).resolve("prisma/build/index.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "migrate", "deploy", "--config", join(root, config)], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`prisma migrate deploy failed (exit ${code}):\n${output}`)),
    );
  });
}
