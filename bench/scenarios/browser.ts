// In headless Chromium (flags from playwright.config.ts):
// - cold_start_s: a fresh server process spawned (empty database) → the first delta reaches the
//   overview page's socket.
// - map_draw_ms_p95_10k / _50k: time spent drawing one frame of the floor map (User Timing
//   "fp:map-draw" from components/floor-map/canvas-layer.ts, collected by a PerformanceObserver) while
//   map_devices / map_devices_large devices move; map_dropped_frames_*: rAF intervals over 1.5 frames
//   (25 ms) in the same window; map_frame_ms_p95 (kept): those intervals' p95.
// - chart_drawn_ms_p95: from the history response's body arriving to the chart's new line being in the
//   DOM (a MutationObserver on Recharts' curve paths) and the frame after it starting; stepping back
//   day by day over seeded minute history. chart_render_ms_p95 (kept): render + commit only
//   ("fp:chart-update" from components/charts/history-chart.tsx).
import { join } from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import pwConfig from "@/playwright.config";
import { connectSocket } from "@/tests/helpers/socket";
import type { FloorSnapshot, WatchError } from "@/lib/realtime/protocol";
import { campusFor } from "../lib/load";
import { benchDir, sleep, startServer, startSimulator, until } from "../lib/procs";
import { cpuMeter } from "../lib/rss";
import { floorsOf } from "../lib/probe";
import type { Row, Scenario } from "../lib/scenario";
import { percentile, round } from "../lib/stats";
import { waitLive } from "./e2e";
import { seedHistory } from "./history";

const DAY = 86_400_000;

/**
 * Before any page script: notes when the first delta arrives on any WebSocket; collects "fp:map-draw"
 * durations; notes when each /api/history body has arrived and when a chart curve path changed
 * (then the next animation frame).
 */
const PAGE_PROBE = `(() => {
  const fp = (window.__fp = { firstDeltaAt: null, deltas: 0, draws: [], arrivals: [], drawn: [] });
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => {
        if (typeof e.data === "string" && /^42\\["(floor|location):delta"/.test(e.data)) {
          fp.deltas++;
          if (fp.firstDeltaAt === null) fp.firstDeltaAt = Date.now();
        }
      });
    }
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === "fp:map-draw") fp.draws.push(e.duration);
  }).observe({ type: "measure", buffered: true });
  const nativeFetch = window.fetch;
  window.fetch = async function (...args) {
    const r = await nativeFetch.apply(this, args);
    const url = String((args[0] && args[0].url) || args[0]);
    if (url.includes("/api/history/")) {
      await r.clone().arrayBuffer();
      fp.arrivals.push(performance.now());
    }
    return r;
  };
  const isCurve = (n) => n.nodeType === 1 && (n.matches(".recharts-line-curve") || n.querySelector(".recharts-line-curve"));
  new MutationObserver((records) => {
    if (!records.some((r) => (r.type === "attributes" ? isCurve(r.target) : [...r.addedNodes].some(isCurve)))) return;
    const at = performance.now();
    requestAnimationFrame(() => fp.drawn.push({ at, frame: performance.now() }));
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["d"] });
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

interface Fp {
  firstDeltaAt: number | null;
  deltas: number;
  draws: number[];
  arrivals: number[];
  drawn: Array<{ at: number; frame: number }>;
}
const fp = (page: Page) => page.evaluate("window.__fp") as Promise<Fp>;

/** A campus with about `devices` located devices on Floor 1 at noon (about 0.5 per person, measured). */
const mapCampus = (devices: number) =>
  campusFor(0, {
    people: Math.round(devices / 0.5),
    // Fewer updates per device on the big floor keep the simulator and the server off the page's core.
    updateMs: devices > 20_000 ? 10_000 : 5000,
    tickMs: 1000,
    replayWindowMs: 5_000,
  });

const floorOf = async (simUrl: string) => {
  const floors = await floorsOf(simUrl);
  return floors.find((f) => f.name === "Floor 1") ?? floors[0]!;
};

interface MapFigures {
  drawP95: number | null;
  drawP50: number | null;
  draws: number;
  dropped: number;
  intervals: number[];
  onFloor: number;
  drawnDots: number;
}

/** Opens the floor page, waits for the dots, then measures `ms` of frames while they move. */
async function measureMap(page: Page, serverUrl: string, floorId: string, ms: number): Promise<MapFigures> {
  await page.goto(`${serverUrl}/locations/${floorId}`);
  const map = page.getByTestId("floor-map");
  await until(
    "dots on the map",
    async () => (Number(await map.getAttribute("data-dot-count")) > 0 ? true : undefined),
    90_000,
  );
  await sleep(2000);
  const onFloor = await floorDevices(serverUrl, floorId);
  await page.evaluate("window.__fp.draws.length = 0");
  const intervals = await frameIntervals(page, ms);
  const draws = (await fp(page)).draws;
  return {
    drawP95: percentile(draws, 95),
    drawP50: percentile(draws, 50),
    draws: draws.length,
    dropped: intervals.filter((x) => x > 1.5 * FRAME_MS).length,
    intervals,
    onFloor,
    drawnDots: Number(await map.getAttribute("data-dot-count")),
  };
}

const FRAME_MS = 1000 / 60;

const mapRow = (label: string, m: MapFigures, simCpu: number): Row => [
  label,
  round(m.drawP95, 1),
  "ms",
  `fp:map-draw p95 over ${m.draws} frames drawn (p50 ${round(m.drawP50, 1)} ms); ${m.onFloor} devices on the floor, ${m.drawnDots} dots; ${m.dropped} of ${m.intervals.length} rAF intervals > 25 ms (dropped frames); producer (live simulator) ${simCpu.toFixed(0)} % of a core meanwhile`,
];

export const browser: Scenario = {
  name: "browser",
  sqliteOnly: true,
  produces: [
    "cold_start_s",
    "map_frame_ms_p95",
    "map_draw_ms_p95_10k",
    "map_draw_ms_p95_50k",
    "map_dropped_frames_10k",
    "map_dropped_frames_50k",
    "chart_render_ms_p95",
    "chart_drawn_ms_p95",
    "map_devices",
    "map_devices_large",
  ],
  async run(ctx) {
    const frameMs = ctx.quick ? 4000 : 10_000;
    let sim = await startSimulator(mapCampus(ctx.loads.mapDevices));
    const floor = await floorOf(sim.url);
    const launch = pwConfig.use?.launchOptions ?? {};
    const viewport = pwConfig.use?.viewport ?? { width: 1280, height: 860 };
    let b: Browser | null = null;
    const dir = benchDir();
    try {
      b = await chromium.launch({ ...launch, headless: true });
      const page = await b.newPage({ viewport });
      await page.addInitScript(PAGE_PROBE);

      // Cold start: spawn → ready → open the overview → first delta on its socket.
      const spawnedAt = Date.now();
      let server = await startServer({ simUrl: sim.url, dir });
      const readyS = (Date.now() - spawnedAt) / 1000;
      await page.goto(server.url); // the overview: a new install has no floor pages until records arrive
      const firstDeltaAt = await until(
        "the first delta in the browser",
        async () => (await fp(page)).firstDeltaAt ?? undefined,
        60_000,
        50,
      ).catch(async (e: unknown) => {
        await page.screenshot({ path: "/tmp/bench-cold.png" });
        throw new Error(
          `${(e as Error).message}; page: ${(await page.locator("body").innerText()).slice(0, 300)}; probe: ${JSON.stringify(await fp(page))}`,
        );
      });
      const cold = (firstDeltaAt - spawnedAt) / 1000;

      // Map at map_devices: the live edge first, then frames while the dots move.
      await waitLive(server.url, sim.url);
      const smallSim = cpuMeter(sim.proc.pid);
      const small = await measureMap(page, server.url, floor.id, frameMs);
      const smallSimCpu = smallSim.pct();

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
      const drawnMs: number[] = [];
      for (let i = 0; i < steps; i++) {
        const before = await count();
        const { arrivals: a0 } = await fp(page);
        await page.getByRole("button", { name: "Previous day" }).click();
        await until("a chart update", async () => ((await count()) > before ? true : undefined), 30_000, 50);
        // The new day's body arrived, then its curve changed in the DOM and a frame began after it.
        const step = await until(
          "the new curve drawn",
          async () => {
            const f = await fp(page);
            const arrival = f.arrivals.slice(a0.length).at(-1);
            const drawn = arrival === undefined ? undefined : f.drawn.find((d) => d.at > arrival);
            return drawn && arrival !== undefined ? drawn.frame - arrival : undefined;
          },
          30_000,
          50,
        );
        drawnMs.push(step);
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
      const drawnP95 = percentile(drawnMs, 95);
      const maxPoints = Math.max(0, ...dayUpdates.map((u) => u.points));
      await server.stop();
      await sim.stop();

      // Map at map_devices_large: its own campus and server.
      ctx.log(`browser: map with ${ctx.loads.mapDevicesLarge} devices`);
      sim = await startSimulator(mapCampus(ctx.loads.mapDevicesLarge));
      const bigFloor = await floorOf(sim.url);
      server = await startServer({ simUrl: sim.url, dir: benchDir() });
      await waitLive(server.url, sim.url, 300_000);
      const largeSim = cpuMeter(sim.proc.pid);
      const large = await measureMap(page, server.url, bigFloor.id, frameMs);
      const largeSimCpu = largeSim.pct();
      await server.stop();
      return {
        figures: {
          cold_start_s: round(cold, 2),
          map_frame_ms_p95: round(percentile(small.intervals, 95), 1),
          map_draw_ms_p95_10k: round(small.drawP95, 1),
          map_draw_ms_p95_50k: round(large.drawP95, 1),
          map_dropped_frames_10k: small.dropped,
          map_dropped_frames_50k: large.dropped,
          chart_render_ms_p95: round(chartP95, 1),
          chart_drawn_ms_p95: round(drawnP95, 1),
          map_devices: small.onFloor,
          map_devices_large: large.onFloor,
        },
        rows: [
          [
            "cold start",
            round(cold, 2),
            "s",
            `fresh server spawned → first delta on the overview page's socket (ready after ${readyS.toFixed(1)} s)`,
          ],
          mapRow(`map draw p95, ${ctx.loads.mapDevices} devices`, small, smallSimCpu),
          mapRow(`map draw p95, ${ctx.loads.mapDevicesLarge} devices`, large, largeSimCpu),
          [
            "map frame interval p95",
            round(percentile(small.intervals, 95), 1),
            "ms",
            `rAF intervals at ${ctx.loads.mapDevices} devices (capped near 16.7 ms: says whether frames drop, not what they cost)`,
          ],
          [
            "chart data → drawn p95",
            round(drawnP95, 1),
            "ms",
            `${drawnMs.length} day steps: history body arrived → new curve path in the DOM → next frame`,
          ],
          [
            "chart render + commit p95",
            round(chartP95, 1),
            "ms",
            `${dayUpdates.length} day-chart updates (${maxPoints} rows drawn per series), fp:chart-update`,
          ],
        ],
      };
    } finally {
      await b?.close();
      await sim.stop();
    }
  },
};
