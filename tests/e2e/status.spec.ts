import { expect, test } from "@playwright/test";
import { join } from "node:path";
import { createDb } from "@/lib/store/db";
import { startApp, type AppServer } from "../helpers/app-server";

// The public App Status Page. It runs on a server of its own so the test can write an outage into
// that server's database, as the minute recorder would have written it.

const shots = "test-results/screens";
const MINUTE = 60_000;
const DAY = 86_400_000;
const COMPONENTS = ["web", "realtime", "ingest", "database", "stream"];

let app: AppServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // E2E_DEV=1 serves through `next dev`, for a look at the page without a production build.
  app = await startApp(process.env.E2E_DEV === "1" ? { NODE_ENV: "development" } : {});
});
test.afterAll(async () => {
  await app?.stop();
});

/** Two days and today of minute checks, all up except yesterday 10:00–10:45 UTC. */
async function recordHistoryWithOutage(): Promise<string> {
  const db = createDb(`file:${join(app.dir, "floorpulse.db")}`);
  try {
    const now = Date.now();
    const from = Math.floor(now / DAY) * DAY - 2 * DAY;
    const yesterday = from + DAY;
    const outage = [yesterday + 10 * 3_600_000, yesterday + 10 * 3_600_000 + 45 * MINUTE];
    const rows = [];
    for (let at = from; at < Math.floor(now / MINUTE) * MINUTE - 2 * MINUTE; at += MINUTE) {
      const out = at >= outage[0]! && at < outage[1]!;
      for (const component of COMPONENTS) {
        const status = out && component === "stream" ? "down" : out && component === "ingest" ? "degraded" : "up";
        const detail =
          status === "up" ? null : component === "stream" ? "no data for 5 min" : "reconnecting to Cisco Spaces";
        rows.push({ component, at: new Date(at), status, detail });
      }
    }
    for (let i = 0; i < rows.length; i += 5_000) await db.healthCheck.createMany({ data: rows.slice(i, i + 5_000) });
    return new Date(yesterday).toISOString().slice(0, 10);
  } finally {
    await db.$disconnect();
  }
}

test("a fresh install says plainly that no checks are recorded yet", async ({ page }) => {
  await page.goto(`${app.url}/status`);
  await expect(page.getByRole("heading", { level: 1, name: "Floorpulse status" })).toBeVisible();
  await expect(page.getByTestId("no-checks")).toContainText("No checks recorded yet");
  await expect(page.getByRole("heading", { name: "Current incidents" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /our view and Cisco/ })).toBeVisible();
  await expect(page.getByTestId("our-view").first()).toBeVisible();
  await expect(page.getByTestId("cisco-view").first()).toBeVisible();
  await page.screenshot({ path: `${shots}/status-empty.png`, fullPage: true });
});

test("an outage yesterday shows as a degraded day, readable by keyboard", async ({ page }) => {
  const yesterday = await recordHistoryWithOutage();
  await page.goto(`${app.url}/status`);
  const grid = page.getByRole("table");
  await expect(grid).toBeVisible();
  await expect(grid.getByRole("columnheader")).toHaveCount(9); // name, now, seven days
  const cell = (component: string) => grid.locator(`tr[data-component="${component}"] td[data-date="${yesterday}"]`);
  await expect(cell("ingest")).toHaveAttribute("data-status", "degraded");
  await expect(cell("stream")).toHaveAttribute("data-status", "degraded");
  await expect(cell("web")).toHaveAttribute("data-status", "up");
  await expect(cell("stream")).toContainText(/45 min down/);

  const past = page.getByRole("region", { name: "Past incidents" });
  await expect(past.getByText("Cisco Spaces stream down")).toBeVisible();
  await expect(past.getByText("Ingest degraded")).toBeVisible();

  // Tab from the top of the page reaches the grid; every day cell takes focus and says what it means.
  await page.locator("body").focus();
  let focusedTip: string | null = null;
  for (let i = 0; i < 15 && !focusedTip; i++) {
    await page.keyboard.press("Tab");
    focusedTip = await page.evaluate(() =>
      document.activeElement?.closest("table") ? document.activeElement.getAttribute("data-tip") : null,
    );
  }
  expect(focusedTip).toMatch(/^Web now: /);
  const streamYesterday = cell("stream").locator("[tabindex='0']");
  await streamYesterday.focus();
  await expect(streamYesterday).toBeFocused();
  const tooltip = await streamYesterday.evaluate((el) => getComputedStyle(el, "::after").content);
  expect(tooltip).toMatch(/Cisco Spaces stream, .*: degraded \(.*45 min down\)/);
  await page.screenshot({ path: `${shots}/status.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${shots}/status-dark.png`, fullPage: true });
});
