// `npm run bench [-- --quick] [--only a,b] [--db postgres] [--help]`: runs each scenario against the
// real server and simulator (separate processes over loopback), prints a table and every target with
// its verdict on stdout, then ONE JSON line with every figure and `ok`. Speed targets are judged, not
// asserted; it exits 1 when a correctness figure (catch-up equality, accuracy against the simulator's
// truth) misses its target or could not be measured. Progress goes to stderr.
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ROOT } from "@/tests/helpers/app-server";
import { FULL, QUICK } from "./lib/load";
import { cleanupAll, postgresStore, useStore } from "./lib/procs";
import { serverCommand } from "./lib/server-command";
import type { Context, Row } from "./lib/scenario";
import { formatTable, jsonLine, verdict, type Figures, type Target } from "./lib/stats";
import { SCENARIOS, FIGURES, TARGETS } from "./scenarios";

const HELP = `Floorpulse benchmarks

Usage: npm run bench [-- options]

  --quick          smaller loads, about 4 minutes (default: full loads, about 25 minutes)
  --only a,b       run only these scenarios: ${SCENARIOS.map((s) => s.name).join(", ")}
  --db postgres    the server on PostgreSQL 127.0.0.1:5432 (a temp database per scenario, dropped
                   after) + Redis 127.0.0.1:6379; ingest reports pg_ingest_events_per_s; scenarios
                   that seed SQLite directly (${SCENARIOS.filter((s) => s.sqliteOnly)
                     .map((s) => s.name)
                     .join(", ")}) are left out
  -h, --help       show this help

Needs a production build (npm run build). Each scenario starts the simulator, a replay of a capture
made before its clock starts (bench/replay.ts) and the server (${serverCommand().label}) in their own
processes on free ports with a temp SQLite file, and the socket clients in another; everything is
stopped and removed at the end. Prints a table, every target with its verdict, then one JSON line
with: ${FIGURES.join(", ")}, ok.
Exits 1 when a correctness figure (catch-up equality, accuracy against the simulator's truth) misses
its target or could not be measured.
`;

const { values } = parseArgs({
  options: {
    quick: { type: "boolean" },
    only: { type: "string" },
    db: { type: "string", default: "sqlite" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
if (!existsSync(join(ROOT, ".next", "BUILD_ID")) || !existsSync(join(ROOT, "dist", "server.mjs"))) {
  process.stderr.write("No production build: run `npm run build` first (about a minute).\n");
  process.exit(2);
}
const only = values.only
  ?.split(",")
  .map((s) => s.trim())
  .filter(Boolean);
const unknown = only?.filter((n) => !SCENARIOS.some((s) => s.name === n)) ?? [];
if (unknown.length) {
  process.stderr.write(`Unknown scenario: ${unknown.join(", ")} (known: ${SCENARIOS.map((s) => s.name).join(", ")})\n`);
  process.exit(2);
}

if (values.db !== "sqlite" && values.db !== "postgres") {
  process.stderr.write(`--db: sqlite or postgres, not ${values.db}\n`);
  process.exit(2);
}
const pg = values.db === "postgres";
if (pg) useStore(postgresStore());

const quick = Boolean(values.quick);
const t0 = Date.now();
const ctx: Context = {
  quick,
  loads: quick ? QUICK : FULL,
  log: (m) => process.stderr.write(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${m}\n`),
};

let interrupted = false;
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    ctx.log(`${sig}: stopping processes and removing temp dirs`);
    void cleanupAll().then(() => process.exit(130));
  });
}

const figures: Figures = {};
const rows: Array<[string, ...Row]> = [];
const failures: string[] = [];
const load0 = loadavg()[0]!;
for (const s of SCENARIOS) {
  if (only && !only.includes(s.name)) continue;
  if (pg && s.sqliteOnly) {
    ctx.log(`${s.name}: left out with --db postgres (it seeds SQLite directly)`);
    continue;
  }
  ctx.log(`${s.name}: start`);
  const started = Date.now();
  try {
    const r = await s.run(ctx);
    Object.assign(figures, r.figures);
    for (const row of r.rows) rows.push([s.name, ...row]);
    ctx.log(`${s.name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (e) {
    const msg = (e as Error).message.split("\n")[0]!;
    failures.push(`${s.name}: ${msg}`);
    ctx.log(`${s.name}: FAILED: ${(e as Error).stack ?? msg}`);
    for (const f of s.produces) figures[f] ??= null;
  } finally {
    await cleanupAll();
  }
}

const table = formatTable([
  ["scenario", "measure", "value", "unit", "how"],
  ...rows.map(([s, l, v, u, n]) => [s, l, v, u, n]),
]);
const targets = formatTable([
  ["target", "figure", "value", "verdict"],
  ...TARGETS.filter((t: Target) => !only || figures[t.figure] !== undefined).map((t) => [
    t.label,
    t.figure,
    figures[t.figure] ?? null,
    verdict(t, figures),
  ]),
]);
const machine = `${pg ? "PostgreSQL + Redis, " : ""}${cpus().length} cores (${cpus()[0]?.model ?? "?"}), load average ${load0.toFixed(2)} at start, ${loadavg()[0]!.toFixed(2)} at end, node ${process.version}`;
process.stdout.write(
  `\nFloorpulse bench (${quick ? "quick" : "full"}), ${((Date.now() - t0) / 1000).toFixed(0)} s, ${machine}\n\n${table}\n\n${targets}\n`,
);
if (failures.length) process.stdout.write(`\nFailed scenarios:\n${failures.map((f) => `  ${f}`).join("\n")}\n`);
// Speed figures are reported; a correctness figure that misses its target (or could not be measured) fails the run.
const wrong = TARGETS.filter((t) => t.correctness && t.figure in figures && verdict(t, figures) !== "met");
process.stdout.write(
  `${jsonLine(FIGURES, figures, { mode: quick ? "quick" : "full", db: pg ? "postgres" : "sqlite", load_average_1m: Math.round(load0 * 100) / 100, ok: wrong.length === 0 })}\n`,
);
if (wrong.length) process.stderr.write(`Correctness targets missed: ${wrong.map((t) => t.label).join("; ")}\n`);
process.exit(wrong.length ? 1 : 0);
