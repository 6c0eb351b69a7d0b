import { mkdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { removeDir, startApp, tempDir, type AppServer } from "../helpers/app-server";

// A deployment whose Location Info and LOCATION_CHANGE carry no floor dimension, and whose Map Image
// Info is the documented three fields: no source says the floor's size in feet. The floor page still
// draws the plan and its dots, and tells an admin why they may be off and where to fix it.

const shots = "test-results/screens";
mkdirSync(shots, { recursive: true });
let dir: string;
let app: AppServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dir = tempDir();
  app = await startApp({ SIMULATOR_MAP_DIMENSION: "false" }, { dir });
});
test.afterAll(async () => {
  await app?.stop();
  removeDir(dir);
});

test("without a floor size the map still shows, and the calibration panel opens with the reason", async ({ page }) => {
  await page.goto(app.url);
  await page
    .getByRole("region", { name: "HQ" })
    .getByRole("link", { name: /Floor 1/ })
    .click({ timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Floor 1" })).toBeVisible();
  const overlay = page.locator("img.leaflet-image-layer");
  await expect
    .poll(() => overlay.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 20_000 })
    .toBeGreaterThan(0);
  await expect(page.getByRole("note")).toContainText("has not sent this floor's size in feet");
  await expect(page.locator("details.calibration")).toHaveAttribute("open", "");
  await page.locator("details.calibration").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/no-floor-size.png`, fullPage: true });
});
