// `npm run bench [-- --quick] [--only a,b] [--help]`: runs each scenario against the real server and
// simulator (separate processes over loopback), prints a table on stdout, then ONE JSON line with
// every figure. Speed figures are printed, not asserted; it exits 1 when a correctness figure (accuracy
// against the simulator's truth) misses its target. Progress goes to stderr.
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ROOT } from "@/tests/helpers/app-server";
import { FULL, QUICK } from "./lib/load";
import { cleanupAll } from "./lib/procs";
import type { Context, Row } from "./lib/scenario";
import { formatTable, jsonLine, verdict, type Figures, type Target } from "./lib/stats";
import { SCENARIOS, FIGURES, TARGETS } from "./scenarios";

const HELP = `Floorpulse benchmarks

Usage: npm run bench [-- options]

  --quick          smaller loads, about 4 minutes (default: full loads, about 25 minutes)
  --only a,b       run only these scenarios: ${SCENARIOS.map((s) => s.name).join(", ")}
  -h, --help       show this help

Needs a production build (npm run build). Each scenario starts the simulator and the server
(node --import tsx server.ts) in their own processes on free ports with a temp SQLite file, and the
socket clients in a third; everything is stopped and removed at the end. Prints a table, then one
JSON line with: ${FIGURES.join(", ")}.
Exits 1 when a correctness figure (accuracy against the simulator's truth) misses its target.
`;

const { values } = parseArgs({
  options: { quick: { type: "boolean" }, only: { type: "string" }, help: { type: "boolean", short: "h" } },
});
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
if (!existsSync(join(ROOT, ".next", "BUILD_ID"))) {
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
const machine = `${cpus().length} cores (${cpus()[0]?.model ?? "?"}), load average ${load0.toFixed(2)} at start, ${loadavg()[0]!.toFixed(2)} at end, node ${process.version}`;
process.stdout.write(
  `\nFloorpulse bench (${quick ? "quick" : "full"}), ${((Date.now() - t0) / 1000).toFixed(0)} s, ${machine}\n\n${table}\n\n${targets}\n`,
);
if (failures.length) process.stdout.write(`\nFailed scenarios:\n${failures.map((f) => `  ${f}`).join("\n")}\n`);
// Speed figures are reported; a correctness figure that misses its target (or could not be measured) fails the run.
const wrong = TARGETS.filter((t) => t.correctness && t.figure in figures && verdict(t, figures) !== "met");
process.stdout.write(
  `${jsonLine(FIGURES, figures, { mode: quick ? "quick" : "full", load_average_1m: Math.round(load0 * 100) / 100, ok: wrong.length === 0 })}\n`,
);
if (wrong.length) process.stderr.write(`Correctness targets missed: ${wrong.map((t) => t.label).join("; ")}\n`);
process.exit(wrong.length ? 1 : 0);
