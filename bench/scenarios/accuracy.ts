// accuracy_*: every building, floor and zone number the app shows a browser (the tenant's socket
// snapshot, what the overview renders), against the simulator's ground truth (/admin/occupancy) at
// the moment that snapshot describes, sampled over a simulated weekday in each named world
// (simulator/worlds.ts). The simulator runs at speed; the server is the real one, over HTTP.
import { tzOffset } from "@/simulator/clock";
import { worldPreset } from "@/simulator/worlds";
import { connectSocket } from "@/tests/helpers/socket";
import { compareWithTruth, simulatorTruth, tenantView } from "@/tests/helpers/truth";
import { summarize, worst, type AccuracySummary, type Level, type MomentComparison } from "@/tests/helpers/accuracy";
import { benchDir, startServer, startSimulator, until } from "../lib/procs";
import type { Context, Row, Scenario } from "../lib/scenario";
import { round } from "../lib/stats";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Local `hour` on the first weekday at least two days ahead, in the world's time zone (UTC ms). */
export function localWeekdayAt(timeZone: string, hour: number, now = Date.now()): number {
  const d = new Date(now + 2 * DAY);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  const naive = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) + hour * HOUR;
  return naive - tzOffset(timeZone, naive - tzOffset(timeZone, naive));
}

export interface WorldResult {
  world: string;
  moments: MomentComparison[];
  summary: AccuracySummary;
  /** Wall seconds the world took, boot included. */
  seconds: number;
}

/**
 * Runs one world from `fromHour` − 1 h (the app's first replay: its warm-up) to `toHour` local and
 * samples every `everyMin`. The simulator serves at full speed (as fast as the app reads, never ahead
 * of what the app has read), so the app can never fall behind a clock and the day takes as long as
 * the app needs to ingest it.
 */
export async function runWorld(ctx: Context, name: string): Promise<WorldResult> {
  const {
    accuracyHours: [fromHour, toHour],
    accuracyEveryMin: everyMin,
  } = ctx.loads;
  const preset = worldPreset(name);
  if (!preset) throw new Error(`unknown world ${name}`);
  const t0 = Date.now();
  const first = localWeekdayAt(preset.timeZone ?? "Europe/London", fromHour);
  // Each device reports its location once a minute (default: every 5 s), so a day is ~5 records/s per 200 people;
  // presence, device and user counts, cameras and Webex keep their own cadence, and a device stays counted 10 minutes.
  const sim = await startSimulator({
    world: name,
    speed: "max",
    start: first - HOUR,
    updateMs: 60_000,
    replayWindowMs: HOUR,
  });
  const server = await startServer({ simUrl: sim.url, dir: benchDir(), env: { LOG_LEVEL: "warn" } });
  const socket = await connectSocket(server.url);
  const truth = await simulatorTruth(sim.url);
  const moments: MomentComparison[] = [];
  try {
    for (let at = first; at <= first + (toHour - fromHour) * HOUR; at += everyMin * 60_000) {
      // Wait for the app's view to reach the moment, then judge it at the moment it describes.
      await until(
        `${name}: the app's view to reach ${new Date(at).toISOString()}`,
        async () => ((await tenantView(socket)).at ?? 0) >= at || undefined,
        120_000,
        40,
      );
      const m = await compareWithTruth(socket, truth);
      moments.push({ at: m.at, errors: m.errors, inversions: m.inversions });
    }
  } finally {
    socket.disconnect();
    await server.stop();
    await sim.stop();
  }
  return { world: name, moments, summary: summarize(moments), seconds: (Date.now() - t0) / 1000 };
}

const pct = (v: number | null) => round(v, 1);
const LEVEL_NOTE: Record<Level, string> = {
  building: "buildings",
  floor: "floors",
  zone: "zones with their own camera or Webex count, ≥ 5 people",
};

export const accuracy: Scenario = {
  name: "accuracy",
  produces: [
    "accuracy_floor_mape",
    "accuracy_floor_p90",
    "accuracy_building_mape",
    "accuracy_building_p90",
    "accuracy_zone_mape",
    "accuracy_zone_p90",
    "hierarchy_inversions",
    "accuracy_samples",
  ],
  async run(ctx) {
    const results: WorldResult[] = [];
    for (const name of ctx.loads.accuracyWorlds) {
      const r = await runWorld(ctx, name);
      const l = r.summary.levels;
      ctx.log(
        `accuracy ${name}: ${r.moments.length} moments in ${r.seconds.toFixed(0)} s; MAPE floor ${pct(l.floor.mape)} %, building ${pct(l.building.mape)} %, zone ${pct(l.zone.mape)} %, inversions ${r.summary.inversions}`,
      );
      for (const level of ["floor", "building"] as const) {
        for (const w of worst(r.moments, level, 2))
          ctx.log(
            `  worst ${level}: ${w.name} at ${new Date(w.at).toISOString()} shown ${w.shown} for ${w.truth} (${(w.ape! * 100).toFixed(0)} %)`,
          );
      }
      results.push(r);
    }
    const all = summarize(results.flatMap((r) => r.moments));
    const rows: Row[] = [];
    for (const level of ["floor", "building", "zone"] as const) {
      const s = all.levels[level];
      rows.push([
        `${level} MAPE`,
        pct(s.mape),
        "%",
        `${s.samples} samples (${LEVEL_NOTE[level]}); MAE ${round(s.mae, 1)} people; ${s.small} small, ${s.phantoms} phantom, ${s.missing} missing`,
      ]);
      rows.push([
        `${level} p90 APE`,
        pct(s.p90),
        "%",
        results.map((r) => `${r.world} ${pct(r.summary.levels[level].mape) ?? "-"}`).join(", "),
      ]);
    }
    const every = summarize(
      results.flatMap((r) => r.moments),
      { allZones: true },
    ).levels.zone;
    rows.push([
      "zone MAPE, every zone",
      pct(every.mape),
      "%",
      `${every.samples} samples ≥ 5 people, Wi-Fi-only rooms included (no target)`,
    ]);
    rows.push([
      "hierarchy inversions",
      all.inversions,
      "",
      `parent below a child, over ${all.moments} moments: ${results.map((r) => `${r.world} ${r.summary.inversions}`).join(", ")}`,
    ]);
    return {
      figures: {
        accuracy_floor_mape: pct(all.levels.floor.mape),
        accuracy_floor_p90: pct(all.levels.floor.p90),
        accuracy_building_mape: pct(all.levels.building.mape),
        accuracy_building_p90: pct(all.levels.building.p90),
        accuracy_zone_mape: pct(all.levels.zone.mape),
        accuracy_zone_p90: pct(all.levels.zone.p90),
        hierarchy_inversions: all.inversions,
        accuracy_samples: all.moments,
      },
      rows,
    };
  },
};
