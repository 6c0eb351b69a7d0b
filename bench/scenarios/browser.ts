// In headless Chromium (flags from playwright.config.ts):
// - cold_start_s: a fresh server process spawned (empty database) → the first delta reaches the
//   overview page's socket.
// - map_frame_ms_p95: requestAnimationFrame intervals on the floor page while map_devices devices
//   move (one canvas layer draws them all).
// - chart_render_ms_p95: the history chart's data updates (render and commit, User Timing entries
//   "fp:chart-update" from components/charts/history-chart.tsx), stepping back day by day over
//   seeded minute history (at most 1,000 drawn points per series).
import { join } from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import pwConfig from "@/playwright.config";
import { connectSocket } from "@/tests/helpers/socket";
import type { FloorSnapshot, WatchError } from "@/lib/realtime/protocol";
import { campusFor } from "../lib/load";
import { benchDir, sleep, startServer, startSimulator, until } from "../lib/procs";
import { floorsOf } from "../lib/probe";
import type { Scenario } from "../lib/scenario";
import { percentile, round } from "../lib/stats";
import { waitLive } from "./e2e";
import { seedHistory } from "./history";

const DAY = 86_400_000;

/** Notes when the first delta arrives on any WebSocket of the page (before any page script runs). */
const DELTA_PROBE = `(() => {
  const Native = window.WebSocket;
  window.__fp = { firstDeltaAt: null, deltas: 0 };
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => {
        if (typeof e.data === "string" && /^42\\["(floor|location):delta"/.test(e.data)) {
          window.__fp.deltas++;
          if (window.__fp.firstDeltaAt === null) window.__fp.firstDeltaAt = Date.now();
        }
      });
    }
  };
})();`;

// A string, not a closure: tsx's transform would add helpers (__name) the page does not have.
const FRAMES = (ms: number) => `new Promise((resolve) => {
  const out = [];
  let last = performance.now();
  const end = last + ${ms};
  const tick = (t) => {
    out.push(t - last);
    last = t;
    if (t < end) requestAnimationFrame(tick);
    else resolve(out);
  };
  requestAnimationFrame(tick);
})`;

async function frameIntervals(page: Page, ms: number): Promise<number[]> {
  return (await page.evaluate(FRAMES(ms))) as number[];
}

async function floorDevices(url: string, floorId: string): Promise<number> {
  const s = await connectSocket(url);
  try {
    const snap = await new Promise<FloorSnapshot | WatchError>((r) => s.emit("floor:watch", floorId, r));
    if ("error" in snap) throw new Error(`floor:watch: ${snap.error}`);
    return snap.devices.length;
  } finally {
    s.close();
  }
}

export const browser: Scenario = {
  name: "browser",
  produces: ["cold_start_s", "map_frame_ms_p95", "chart_render_ms_p95", "map_devices"],
  async run(ctx) {
    const devices = ctx.loads.mapDevices;
    // About 0.5 located devices per person on Floor 1 at noon (measured); five-second updates.
    const sim = await startSimulator(
      campusFor(0, { people: Math.round(devices / 0.5), updateMs: 5000, tickMs: 1000, replayWindowMs: 5_000 }),
    );
    const floor = (await floorsOf(sim.url)).find((f) => f.name === "Floor 1") ?? (await floorsOf(sim.url))[0]!;
    const launch = pwConfig.use?.launchOptions ?? {};
    const viewport = pwConfig.use?.viewport ?? { width: 1280, height: 860 };
    let b: Browser | null = null;
    const dir = benchDir();
    try {
      b = await chromium.launch({ ...launch, headless: true });
      const page = await b.newPage({ viewport });
      await page.addInitScript(DELTA_PROBE);

      // Cold start: spawn → ready → open the floor page → first delta on its socket.
      const spawnedAt = Date.now();
      let server = await startServer({ simUrl: sim.url, dir });
      const readyS = (Date.now() - spawnedAt) / 1000;
      await page.goto(server.url); // the overview: a new install has no floor pages until records arrive
      const firstDeltaAt = await until(
        "the first delta in the browser",
        () =>
          page.evaluate(
            () => (window as unknown as { __fp: { firstDeltaAt: number | null } }).__fp.firstDeltaAt ?? undefined,
          ),
        60_000,
        50,
      ).catch(async (e: unknown) => {
        await page.screenshot({ path: "/tmp/bench-cold.png" });
        throw new Error(
          `${(e as Error).message}; page: ${(await page.locator("body").innerText()).slice(0, 300)}; probe: ${JSON.stringify(await page.evaluate(() => (window as unknown as { __fp: unknown }).__fp))}`,
        );
      });
      const cold = (firstDeltaAt - spawnedAt) / 1000;

      // Map: wait for the live edge and the dots, then measure frames while they move.
      await waitLive(server.url, sim.url);
      await page.goto(`${server.url}/locations/${floor.id}`);
      const map = page.getByTestId("floor-map");
      await until(
        "dots on the map",
        async () => (Number(await map.getAttribute("data-dot-count")) > 0 ? true : undefined),
        60_000,
      );
      await sleep(2000);
      const onFloor = await floorDevices(server.url, floor.id);
      const intervals = await frameIntervals(page, ctx.quick ? 4000 : 10_000);
      const drawnDots = Number(await map.getAttribute("data-dot-count"));
      const deltasSeen = await page.evaluate(() => (window as unknown as { __fp: { deltas: number } }).__fp.deltas);
      const mapP95 = percentile(intervals, 95);

      // Chart: minute history for the floor (server stopped while seeding), then step back day by day.
      await server.stop();
      const today = Math.floor(Date.now() / DAY) * DAY;
      seedHistory(join(dir, "floorpulse.db"), [floor.id], 14, today);
      server = await startServer({ simUrl: sim.url, dir });
      await page.goto(`${server.url}/locations/${floor.id}`);
      await page.getByRole("tab", { name: "Day" }).click();
      const count = () => page.evaluate(() => performance.getEntriesByName("fp:chart-update").length);
      const steps = ctx.quick ? 6 : 12;
      await until("the day chart", async () => ((await count()) > 0 ? true : undefined), 30_000);
      for (let i = 0; i < steps; i++) {
        const before = await count();
        await page.getByRole("button", { name: "Previous day" }).click();
        await until("a chart update", async () => ((await count()) > before ? true : undefined), 30_000, 50);
        await sleep(100);
      }
      const updates = (await page.evaluate(
        `performance.getEntriesByName("fp:chart-update").map((e) => ({ ms: e.duration, points: (e.detail && e.detail.points) || 0 }))`,
      )) as Array<{ ms: number; points: number }>;
      const dayUpdates = updates.filter((u) => u.points > 100);
      const chartP95 = percentile(
        dayUpdates.map((u) => u.ms),
        95,
      );
      const maxPoints = Math.max(0, ...dayUpdates.map((u) => u.points));
      await server.stop();
      return {
        figures: {
          cold_start_s: round(cold, 2),
          map_frame_ms_p95: round(mapP95, 1),
          chart_render_ms_p95: round(chartP95, 1),
          map_devices: onFloor,
        },
        rows: [
          [
            "cold start",
            round(cold, 2),
            "s",
            `fresh server spawned → first delta on the overview page's socket (ready after ${readyS.toFixed(1)} s)`,
          ],
          [
            "map frame p95",
            round(mapP95, 1),
            "ms",
            `${intervals.length} rAF intervals, p50 ${round(percentile(intervals, 50), 1)} ms; ${onFloor} devices on the floor, ${drawnDots} dots drawn, ${deltasSeen} deltas`,
          ],
          [
            "chart update p95",
            round(chartP95, 1),
            "ms",
            `${dayUpdates.length} day-chart updates (${maxPoints} rows drawn per series), render + commit`,
          ],
        ],
      };
    } finally {
      await b?.close();
      await sim.stop();
    }
  },
};
