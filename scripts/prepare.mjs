// Shared by `npm start` and `npm test`: make sure the Prisma client and the Next build match the sources.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { buildServer } from "./build-server.mjs";

export const root = new URL("..", import.meta.url).pathname;
const bin = (name) => join(root, "node_modules/.bin", name);

export function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
  if (r.status !== 0) {
    process.stderr.write(`\n${[cmd, ...args].join(" ")} failed (exit ${r.status ?? r.signal})\n`);
    process.exit(r.status ?? 1);
  }
}

function newestMtime(paths) {
  let newest = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else newest = Math.max(newest, s.mtimeMs);
  };
  paths.forEach((p) => walk(join(root, p)));
  return newest;
}

export function ensureInstalled() {
  if (!existsSync(bin("next"))) {
    process.stderr.write("Dependencies are missing: run `npm install` first.\n");
    process.exit(1);
  }
}

export function ensurePrismaClient() {
  if (newestMtime(["generated/prisma/client.ts"]) < newestMtime(["prisma/schema.prisma"]))
    run(bin("prisma"), ["generate"]);
}

/** What the compiled server (dist/) is made of: a change in any of them makes it stale. */
const SERVER_SOURCES = [
  "server.ts",
  "lib",
  "simulator",
  "generated/prisma",
  "generated/prisma-pg",
  "tsconfig.json",
  "package-lock.json",
];

/** Compiles server.ts into dist/ when there is no compiled server or a source file is newer than it. */
export async function ensureServerBuild({ force = false } = {}) {
  const built = newestMtime(["dist/server.mjs"]);
  if (!force && built > 0 && built >= newestMtime(SERVER_SOURCES)) return false;
  await buildServer(root);
  return true;
}

/** Builds Next when there is no build or a source file is newer than it. */
export function ensureBuild({ force = false } = {}) {
  const built = newestMtime([".next/BUILD_ID"]);
  const sources = newestMtime([
    "app",
    "components",
    "lib",
    "public",
    "next.config.ts",
    "package-lock.json",
    "generated/prisma",
  ]);
  if (!force && built > 0 && built >= sources) return false;
  process.stdout.write(
    built
      ? "Sources changed since the last build: rebuilding…\n"
      : "First run: building Floorpulse (about a minute)…\n",
  );
  run(bin("next"), ["build"]);
  return true;
}
