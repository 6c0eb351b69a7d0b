// The forecast part of the accuracy scenario: the same weekday of past weeks run through the real
// simulator and server into the world's database (the history the forecast learns from), then, on
// the measured day, /api/forecast/{id}?at=T asked as the stored data reaches T, and one hour later
// what the simulator's truth and the stored rollups say happened in that quarter hour.
import { createDb, type Db } from "@/lib/store/db";
import { writeBuckets } from "@/lib/store/ingest-batch";
import { readSlots } from "@/lib/store/insights";
import { truthOf } from "@/tests/helpers/accuracy";
import type { Truth } from "@/tests/helpers/truth";
import { startServer, startSimulator, until } from "../lib/procs";
import type { Context, Row } from "../lib/scenario";
import type { Figures } from "../lib/stats";
import {
  meanIn,
  pointFor,
  QUARTER_HOUR,
  quarterRows,
  type QuarterRow,
  sameLocalTime,
  summarizeForecast,
  type ForecastPair,
  type ForecastPointJson,
} from "./forecast-accuracy";

const MIN = 60_000;
const HOUR = 60 * MIN;
/** How far ahead the forecast is judged. */
export const HORIZON_MS = HOUR;

export interface ForecastPlan {
  worlds: string[];
  /** Past same weekdays seeded before the measured day. */
  weeks: number;
  /**
   * How those weeks are made: `pipeline` runs them through the simulator and the server (what the app
   * would have stored; ~1 minute a week here); `truth` stores the simulator's truth for buildings and
   * floors by quarter hour (seconds: the quick run).
   */
  seed: "pipeline" | "truth";
  /** Local hours at which forecasts are made, [first, last], hourly. */
  hours: [number, number];
}

export const FORECAST_QUICK: ForecastPlan = {
  worlds: ["tower", "campus", "wifi-only", "covered"],
  weeks: 3,
  hours: [8, 17],
  seed: "truth",
};
export const FORECAST_FULL: ForecastPlan = {
  worlds: ["demo", "tower", "campus", "wifi-only", "covered"],
  weeks: 3,
  hours: [6, 20],
  seed: "pipeline",
};

/** Newest stored minute (any location), or 0. */
async function storedUpTo(db: Db): Promise<number> {
  const r = await db.occupancySample.aggregate({ _max: { bucket: true } });
  return r._max.bucket?.getTime() ?? 0;
}

/** Waits until the server has stored minute rollups up to `t` (its batch writes trail what it has read). */
export function waitStored(db: Db, t: number, what: string, ms = 180_000): Promise<true> {
  return until(what, async () => ((await storedUpTo(db)) >= t ? true : undefined), ms, 250);
}

/**
 * Runs the simulator and the server over [from, to) of each of the `weeks` same weekdays before the
 * measured day (oldest first), into `dir`'s database; the simulator keeps `simPort` so the stored
 * activation still points at it. The server resumes each time from its checkpoint, which the simulator
 * clamps to its replay window: the stream starts an hour before `from`.
 */
export async function seedPastWeeks(
  ctx: Context,
  o: { world: string; dir: string; simPort: number; timeZone: string; from: number; to: number; weeks: number },
): Promise<void> {
  const db = createDb(`file:${o.dir}/floorpulse.db`);
  try {
    for (let k = o.weeks; k >= 1; k--) {
      const from = sameLocalTime(o.timeZone, o.from, -7 * k);
      const to = sameLocalTime(o.timeZone, o.to, -7 * k);
      const t0 = Date.now();
      const sim = await startSimulator({
        world: o.world,
        speed: "max",
        start: from,
        updateMs: 60_000,
        replayWindowMs: HOUR,
        port: o.simPort,
      });
      const server = await startServer({ simUrl: sim.url, dir: o.dir, env: { LOG_LEVEL: "warn" } });
      try {
        await waitStored(db, to, `${o.world}: week −${k} stored up to ${new Date(to).toISOString()}`);
      } finally {
        await server.stop();
        await sim.stop();
      }
      ctx.log(`forecast ${o.world}: week −${k} seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
  } finally {
    await db.$disconnect();
  }
}

/** Every five minutes of [from, to) of each past week, the truth's buildings and floors, stored by quarter hour. */
export async function seedPastWeeksFromTruth(
  db: Db,
  truth: Truth,
  o: { locations: ReadonlyArray<{ id: string }>; timeZone: string; from: number; to: number; weeks: number },
): Promise<void> {
  const wanted = new Set(o.locations.map((l) => l.id));
  const rows: QuarterRow[] = [];
  for (let k = o.weeks; k >= 1; k--) {
    const from = sameLocalTime(o.timeZone, o.from, -7 * k);
    const to = sameLocalTime(o.timeZone, o.to, -7 * k);
    const samples = new Map<string, Array<{ t: number; v: number }>>();
    for (let t = from; t < to; t += 5 * MIN)
      for (const l of truthOf(truth.world, await truth.occupancy(t))) {
        if (!wanted.has(l.id)) continue;
        let xs = samples.get(l.id);
        if (!xs) samples.set(l.id, (xs = []));
        xs.push({ t, v: l.people });
      }
    rows.push(...quarterRows(samples, from, to));
  }
  await writeBuckets(db, rows);
}

export interface Asked {
  madeAt: number;
  forecasts: Map<string, ForecastPointJson[]>;
}

/** Every building and floor of the world, with its level. */
export async function forecastLocations(
  truth: Truth,
  at: number,
): Promise<Array<{ id: string; level: "building" | "floor" }>> {
  return truthOf(truth.world, await truth.occupancy(at))
    .filter((l) => l.level !== "zone")
    .map((l) => ({ id: l.id, level: l.level as "building" | "floor" }));
}

/** Asks the server for each location's forecast as it stood at `at`, once the data before `at` is stored. */
export async function askAt(
  db: Db,
  appUrl: string,
  locations: ReadonlyArray<{ id: string }>,
  at: number,
): Promise<Asked> {
  await waitStored(db, at - MIN, `stored data to reach ${new Date(at).toISOString()}`);
  const forecasts = new Map<string, ForecastPointJson[]>();
  for (const l of locations) {
    const r = await fetch(`${appUrl}/api/forecast/${encodeURIComponent(l.id)}?at=${at}`);
    if (!r.ok) throw new Error(`forecast of ${l.id} at ${at}: HTTP ${r.status} ${await r.text()}`);
    forecasts.set(l.id, ((await r.json()) as { points: ForecastPointJson[] }).points);
  }
  return { madeAt: at, forecasts };
}

/**
 * What happened in each forecast's target quarter hour: the simulator's truth read each minute, and
 * the stored rollups' mean (what the app itself measured, the series the forecast learns from).
 */
export async function pairsOf(
  db: Db,
  truth: Truth,
  locations: ReadonlyArray<{ id: string; level: "building" | "floor" }>,
  asked: readonly Asked[],
): Promise<{ truth: ForecastPair[]; stored: ForecastPair[]; missing: number }> {
  const out = { truth: [] as ForecastPair[], stored: [] as ForecastPair[], missing: 0 };
  for (const a of asked) {
    const target = a.madeAt + HORIZON_MS;
    const samples = new Map<string, Array<{ t: number; v: number }>>();
    for (let t = target; t < target + QUARTER_HOUR; t += MIN) {
      for (const l of truthOf(truth.world, await truth.occupancy(t))) {
        let s = samples.get(l.id);
        if (!s) samples.set(l.id, (s = []));
        s.push({ t, v: l.people });
      }
    }
    const slots = new Map(
      (
        await readSlots(
          db,
          locations.map((l) => l.id),
          target,
          target + QUARTER_HOUR,
        )
      ).map((s) => [s.locationId, s]),
    );
    for (const l of locations) {
      // No forecast for the quarter hour (no typical curve there) is judged as a forecast of nobody: 100 % off.
      const found = pointFor(a.forecasts.get(l.id) ?? [], target);
      if (!found) out.missing++;
      const p = found ?? { expected: 0, low: null, high: null };
      const base = {
        id: l.id,
        level: l.level,
        madeAt: a.madeAt,
        target,
        expected: p.expected,
        low: p.low,
        high: p.high,
      };
      const actual = meanIn(samples.get(l.id) ?? [], target, target + QUARTER_HOUR);
      if (actual !== null) out.truth.push({ ...base, actual });
      const slot = slots.get(l.id);
      if (slot && slot.seconds > 0) out.stored.push({ ...base, actual: slot.sum / slot.seconds });
    }
  }
  return out;
}

const pct = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/** The forecast figures and table rows over every world that ran one. */
export function forecastFigures(
  results: ReadonlyArray<{
    world: string;
    forecast?: { truth: ForecastPair[]; stored: ForecastPair[]; missing: number };
  }>,
): { figures: Figures; rows: Row[] } {
  const ran = results.filter((r) => r.forecast);
  if (!ran.length) return { figures: {}, rows: [] };
  const truth = summarizeForecast(ran.flatMap((r) => r.forecast!.truth));
  const stored = summarizeForecast(ran.flatMap((r) => r.forecast!.stored));
  const missing = ran.reduce((n, r) => n + r.forecast!.missing, 0);
  const perWorld = ran.map((r) => `${r.world} ${pct(summarizeForecast(r.forecast!.truth).mape) ?? "-"}`).join(", ");
  return {
    figures: {
      forecast_mape_1h: pct(truth.mape),
      forecast_mape_1h_stored: pct(stored.mape),
      forecast_interval_coverage: pct(truth.coverage),
    },
    rows: [
      [
        "forecast MAPE 1 h ahead",
        pct(truth.mape),
        "%",
        `${truth.samples} forecasts (buildings, floors; truth ≥ 1 person over the quarter hour), p90 ${pct(truth.p90)} %, MAE ${pct(truth.mae)} people; ${perWorld}; ${missing} without a forecast (judged as 0 expected)`,
      ],
      [
        "forecast MAPE vs stored",
        pct(stored.mape),
        "%",
        `${stored.samples} forecasts against the app's own stored quarter hour (the series it learns from)`,
      ],
      [
        "forecast interval coverage",
        pct(truth.coverage),
        "%",
        `truth inside the 80 % interval, of ${truth.withInterval} forecasts with one`,
      ],
    ],
  };
}
