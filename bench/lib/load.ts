// The simulated campus every scenario uses, and the loads of quick and full runs.
import type { SimOptions } from "./procs";

/** Next weekday noon UTC at least two hours ahead: lunchtime in London, everyone in (a stable load at any hour). */
export function peakStart(now = Date.now()): number {
  const d = new Date(now + 2 * 3_600_000);
  d.setUTCHours(12, 0, 0, 0);
  if (d.getTime() < now + 2 * 3_600_000) d.setUTCDate(d.getUTCDate() + 1);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.getTime();
}

/**
 * A large campus: at noon about 0.76 location updates per person per second with one-second updates,
 * so people ≈ events/s ÷ 0.76 (calibrated with simulator/world at seed 1; the bench prints the rate
 * it measured, not this estimate).
 */
export function campusFor(eventsPerS: number, o: Partial<SimOptions> = {}): SimOptions {
  return { people: Math.max(50, Math.round(eventsPerS / 0.76)), updateMs: 1000, tickMs: 100, start: peakStart(), ...o };
}

export interface Loads {
  ingestSeconds: number;
  /**
   * Lines captured before the ingest run (~1.45 kB each, streamed from disk by the replay): the warm-up
   * and the window at up to 100,000 events/s; the window ends early when they are used up.
   */
  ingestLines: number;
  e2eEventsPerS: number;
  e2eClients: number;
  /** Of e2eClients, how many decode everything and measure latency (the rest are cheap receivers). */
  e2eProbes: number;
  e2eSeconds: number;
  fanoutClients: number;
  fanoutSeconds: number;
  catchupEvents: number;
  catchupEventsPerS: number;
  mapDevices: number;
  /** The second, larger map (map_draw_ms_p95_50k). */
  mapDevicesLarge: number;
  historyDays: number;
  historyLocations: number;
  captureLines: number;
  driftSeconds: number;
  /** Named worlds the accuracy scenario runs (simulator/worlds.ts). */
  accuracyWorlds: string[];
  /** Local hours of the weekday sampled, [from, to]. */
  accuracyHours: [number, number];
  /** Simulated minutes between samples. */
  accuracyEveryMin: number;
}

export const QUICK: Loads = {
  ingestSeconds: 10,
  ingestLines: 900_000,
  e2eEventsPerS: 2000,
  e2eClients: 200,
  e2eProbes: 5,
  e2eSeconds: 10,
  fanoutClients: 500,
  fanoutSeconds: 6,
  catchupEvents: 150_000,
  catchupEventsPerS: 2000,
  mapDevices: 2000,
  mapDevicesLarge: 5000,
  historyDays: 14,
  historyLocations: 20,
  captureLines: 100_000,
  driftSeconds: 0,
  accuracyWorlds: ["tower", "campus", "wifi-only", "covered"],
  accuracyHours: [7, 19],
  accuracyEveryMin: 30,
};

export const FULL: Loads = {
  ingestSeconds: 60,
  ingestLines: 6_300_000,
  e2eEventsPerS: 5000,
  e2eClients: 1000,
  e2eProbes: 5,
  e2eSeconds: 30,
  fanoutClients: 5000,
  fanoutSeconds: 20,
  catchupEvents: 3_000_000,
  catchupEventsPerS: 5000,
  mapDevices: 10_000,
  mapDevicesLarge: 50_000,
  historyDays: 90,
  historyLocations: 200,
  captureLines: 500_000,
  driftSeconds: 600,
  accuracyWorlds: ["demo", "tower", "campus", "wifi-only", "covered"],
  accuracyHours: [1, 23],
  accuracyEveryMin: 15,
};
