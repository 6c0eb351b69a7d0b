// accuracy_*: every building, floor and zone number the app shows a browser (the tenant's socket
// snapshot, what the overview renders), against the simulator's ground truth (/admin/occupancy) at
// the moment that snapshot describes, sampled over a simulated weekday in each named world
// (simulator/worlds.ts). The simulator runs at speed; the server is the real one, over HTTP.
import { tzOffset } from "@/simulator/clock";
import { worldPreset } from "@/simulator/worlds";
import { connectSocket } from "@/tests/helpers/socket";
import { compareWithTruth, simulatorTruth, tenantView } from "@/tests/helpers/truth";
import { summarize, worst, type AccuracySummary, type Level, type MomentComparison } from "@/tests/helpers/accuracy";
import { createDb } from "@/lib/store/db";
import { freePort } from "@/tests/helpers/app-server";
import { benchDir, startServer, startSimulator, until } from "../lib/procs";
import { QUARTER_HOUR, sameLocalTime, summarizeForecast, type ForecastPair } from "./forecast-accuracy";
import {
  askAt,
  FORECAST_FULL,
  FORECAST_QUICK,
  forecastFigures,
  forecastLocations,
  HORIZON_MS,
  pairsOf,
  seedPastWeeks,
  seedPastWeeksFromTruth,
  waitStored,
  type Asked,
  type ForecastPlan,
} from "./forecast-run";
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
  /** Forecasts one hour ahead against the truth and against what was stored (worlds with a forecast plan). */
  forecast?: { truth: ForecastPair[]; stored: ForecastPair[]; missing: number };
  /** Wall seconds the world took, boot included. */
  seconds: number;
}

/**
 * Runs one world from `fromHour` − 1 h (the app's first replay: its warm-up) to `toHour` local and
 * samples every `everyMin`. The simulator serves at full speed (as fast as the app reads, never ahead
 * of what the app has read), so the app can never fall behind a clock and the day takes as long as
 * the app needs to ingest it.
 */
export async function runWorld(ctx: Context, name: string, plan?: ForecastPlan): Promise<WorldResult> {
  const {
    accuracyHours: [fromHour, toHour],
    accuracyEveryMin: everyMin,
  } = ctx.loads;
  const preset = worldPreset(name);
  if (!preset) throw new Error(`unknown world ${name}`);
  const t0 = Date.now();
  const tz = preset.timeZone ?? "Europe/London";
  // With a forecast, its past weeks must lie ahead of the wall clock too: the server's first replay
  // never reaches back before its own clock (FIRST_START_REPLAY_MS).
  const first = localWeekdayAt(tz, fromHour, Date.now() + (plan ? plan.weeks * 7 * DAY : 0));
  const dir = benchDir();
  const simPort = await freePort();
  const askHours = plan ? plan.hours : null;
  const asks: number[] = [];
  if (askHours) for (let h = askHours[0]; h <= askHours[1]; h++) asks.push(sameLocalTime(tz, first, 0, h - fromHour));
  const window = asks.length
    ? { from: asks[0]! - 2 * HOUR, to: asks[asks.length - 1]! + HORIZON_MS + QUARTER_HOUR }
    : null;
  if (plan?.seed === "pipeline")
    await seedPastWeeks(ctx, {
      world: name,
      dir,
      simPort,
      timeZone: tz,
      ...window!,
      weeks: plan.weeks,
    });
  // Each device reports its location once a minute (default: every 5 s), so a day is ~5 records/s per 200 people;
  // presence, device and user counts, cameras and Webex keep their own cadence, and a device stays counted 10 minutes.
  const sim = await startSimulator({
    world: name,
    speed: "max",
    start: first - HOUR,
    updateMs: 60_000,
    replayWindowMs: HOUR,
    port: simPort,
  });
  const server = await startServer({ simUrl: sim.url, dir, env: { LOG_LEVEL: "warn" } });
  const socket = await connectSocket(server.url);
  const truth = await simulatorTruth(sim.url);
  const moments: MomentComparison[] = [];
  const db = createDb(`file:${dir}/floorpulse.db`);
  let forecast: WorldResult["forecast"];
  try {
    // Forecasts are asked beside the sampling, each as soon as the data before its moment is stored.
    const locations = plan ? await forecastLocations(truth, first) : [];
    const asked: Asked[] = [];
    const asking = (async () => {
      if (plan?.seed === "truth")
        await seedPastWeeksFromTruth(db, truth, { locations, timeZone: tz, ...window!, weeks: plan.weeks });
      for (const at of asks) asked.push(await askAt(db, server.url, locations, at));
    })();
    asking.catch(() => {});
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
    await asking;
    if (plan) {
      const last = asks[asks.length - 1]! + HORIZON_MS + QUARTER_HOUR;
      await waitStored(db, last, `${name}: stored data to reach the last forecast's quarter hour`);
      forecast = await pairsOf(db, truth, locations, asked);
    }
  } finally {
    await db.$disconnect();
    socket.disconnect();
    await server.stop();
    await sim.stop();
  }
  return { world: name, moments, summary: summarize(moments), forecast, seconds: (Date.now() - t0) / 1000 };
}

const pct = (v: number | null) => round(v, 1);
const LEVEL_NOTE: Record<Level, string> = {
  building: "buildings",
  floor: "floors",
  zone: "zones with their own camera or Webex count, ≥ 5 people",
};

/** Each level's MAPE and p90, then the hierarchy inversions: in their order on the JSON line. */
export const ACCURACY_FIGURES = [
  "accuracy_floor_mape",
  "accuracy_floor_p90",
  "accuracy_building_mape",
  "accuracy_building_p90",
  "accuracy_zone_mape",
  "accuracy_zone_p90",
  "hierarchy_inversions",
];

export const accuracy: Scenario = {
  name: "accuracy",
  produces: [
    ...ACCURACY_FIGURES,
    "accuracy_samples",
    "forecast_mape_1h",
    "forecast_mape_1h_stored",
    "forecast_interval_coverage",
  ],
  async run(ctx) {
    const results: WorldResult[] = [];
    const rows: Row[] = [];
    const plan = ctx.quick ? FORECAST_QUICK : FORECAST_FULL;
    for (const name of ctx.loads.accuracyWorlds) {
      const r = await runWorld(ctx, name, plan.worlds.includes(name) ? plan : undefined);
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
      if (r.forecast) {
        const f = summarizeForecast(r.forecast.truth);
        ctx.log(
          `forecast ${name}: MAPE 1 h ahead ${pct(f.mape)} % over ${f.samples} (interval held the truth ${pct(f.coverage)} % of ${f.withInterval}); against what was stored ${pct(summarizeForecast(r.forecast.stored).mape)} %`,
        );
      }
      results.push(r);
    }
    const fc = forecastFigures(results);
    const all = summarize(results.flatMap((r) => r.moments));
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
    rows.push(...fc.rows);
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
        ...fc.figures,
      },
      rows,
    };
  },
};
