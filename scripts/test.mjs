// `npm test`: every test there is (unit, integration, end-to-end in Chromium), then one summary line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { driftCheckArgs, sqliteDriftUrl } from "./migration-drift.mjs";
import { ensureBuild, ensureInstalled, ensurePrismaClient, ensureServerBuild, root, run } from "./prepare.mjs";

const bin = (name) => join(root, "node_modules/.bin", name);
const step = (msg) => process.stdout.write(`\n=== ${msg}\n`);

ensureInstalled();

step("Chromium for the end-to-end tests");
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  const canApt = process.getuid?.() === 0 && spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
  if (!canApt) {
    process.stderr.write(
      `Chromium is missing. Install it, then run npm test again:\n  sudo apt-get update && sudo apt-get install -y chromium\n(or set CHROMIUM_PATH to a Chromium binary)\n`,
    );
    process.exit(1);
  }
  run("apt-get", ["update", "-qq"], { DEBIAN_FRONTEND: "noninteractive" });
  run("apt-get", ["install", "-y", "-qq", "chromium"], { DEBIAN_FRONTEND: "noninteractive" });
}
process.stdout.write(`${chromium}\n`);

step("Prisma client and migration drift check");
ensurePrismaClient();
const scratch = mkdtempSync(join(tmpdir(), "floorpulse-drift-"));
run(bin("prisma"), driftCheckArgs("sqlite"), { DATABASE_URL: sqliteDriftUrl(scratch) });
rmSync(scratch, { recursive: true, force: true });

step("Lint (ESLint: strict TypeScript, one-way folders, Prisma only in lib/store) and format (Prettier)");
run(bin("eslint"), ["."]);
run(bin("prettier"), ["--check", "--log-level", "warn", "."]);
process.stdout.write("lint and format clean\n");

step("Next.js build (type-checks every file) and the compiled server (dist/)");
if (!ensureBuild({ force: process.env.CI === "true" })) process.stdout.write("build is current\n");
if (!(await ensureServerBuild({ force: process.env.CI === "true" })))
  process.stdout.write("compiled server is current\n");

const out = join(root, ".ci-out");
mkdirSync(out, { recursive: true });
let failed = false;

step("Unit and integration tests (Vitest)");
const vitest = spawnSync(
  bin("vitest"),
  ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${join(out, "vitest.json")}`],
  {
    cwd: root,
    stdio: "inherit",
  },
);
failed ||= vitest.status !== 0;

step("End-to-end tests (Playwright, Chromium)");
const pw = spawnSync(bin("playwright"), ["test", "--reporter=list,json"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: join(out, "playwright.json"), CHROMIUM_PATH: chromium },
});
failed ||= pw.status !== 0;

const read = (f) => {
  try {
    return JSON.parse(readFileSync(join(out, f), "utf8"));
  } catch {
    return null;
  }
};
const v = read("vitest.json");
const p = read("playwright.json");
let passed = 0;
let failures = 0;
let skipped = 0;
if (v) {
  passed += v.numPassedTests;
  failures += v.numFailedTests;
  skipped += v.numPendingTests + (v.numTodoTests ?? 0);
} else failures++;
if (p) {
  passed += p.stats.expected + p.stats.flaky;
  failures += p.stats.unexpected;
  skipped += p.stats.skipped;
} else failures++;
process.stdout.write(`\n${passed} passed, ${failures} failed, ${skipped} skipped\n`);
process.exit(failed || failures ? 1 : 0);
