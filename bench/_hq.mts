import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyMigrations } from "@/lib/store/migrate";
import { createDb } from "@/lib/store/db";
import { loadHistory, readSamples } from "@/lib/history/query";
import { buildHistory } from "@/lib/history/build";
import { seedHistory } from "./scenarios/history";
const dir = mkdtempSync(join(tmpdir(), "floorpulse-bench-"));
const url = `file:${join(dir, "x.db")}`;
await applyMigrations(process.cwd(), url);
const DAY = 86_400_000;
const end = Math.floor(Date.now() / DAY) * DAY;
seedHistory(join(dir, "x.db"), ["loc-a", "loc-b", "loc-c"], 90, end);
const db = createDb(url);
const t = async (label: string, f: () => Promise<unknown>) => {
  const xs: number[] = [];
  for (let i = 0; i < 15; i++) {
    const a = performance.now();
    await f();
    xs.push(performance.now() - a);
  }
  xs.sort((a, b) => a - b);
  console.log(label, "p50", xs[7]!.toFixed(1), "min", xs[0]!.toFixed(1));
};
await t("loadHistory day", () =>
  loadHistory(db, { locationId: "loc-b", range: "day", from: end - 3 * DAY, tz: "UTC", now: Date.now() }),
);
const from = end - 3 * DAY,
  to = from + DAY;
const windows = Array.from({ length: 8 }, (_, k) => ({ from: from - 7 * (k + 1) * DAY, to: to - 7 * (k + 1) * DAY }));
await t("8 window reads", () => Promise.all(windows.map((w) => readSamples(db, "loc-b", w.from, w.to, "shown"))));
const rows = await readSamples(db, "loc-b", from, to);
const earlier = (await Promise.all(windows.map((w) => readSamples(db, "loc-b", w.from, w.to, "shown")))).flat();
const typicalWeeks = windows.map((w) => ({
  from: w.from,
  rows: earlier.filter((r) => r.bucket >= w.from && r.bucket < w.to),
}));
await t("build", async () =>
  buildHistory({ locationId: "loc-b", range: "day", from, to, rows, typicalWeeks, now: Date.now() }),
);
await db.$disconnect();
rmSync(dir, { recursive: true, force: true });
