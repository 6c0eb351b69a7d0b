import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";

/** Applies the committed migrations with `prisma migrate deploy`; rejects with Prisma's own output. */
export function applyMigrations(root: string, databaseUrl: string): Promise<void> {
  const cli = createRequire(join(root, "package.json")).resolve("prisma/build/index.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "migrate", "deploy", "--config", join(root, "prisma.config.ts")], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`prisma migrate deploy failed (exit ${code}):\n${output}`))));
  });
}
