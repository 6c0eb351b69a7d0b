import { expect, test, type Page } from "@playwright/test";

const shots = "test-results/screens";

async function openFirstFloor(page: Page) {
  await page.goto("/");
  const floor = page.getByRole("link", { name: /Floor 1/ });
  await expect(floor).toBeVisible({ timeout: 20_000 });
  await floor.click();
  await expect(page.getByRole("heading", { level: 1, name: "Floor 1" })).toBeVisible();
}

async function dotPositions(page: Page): Promise<string[]> {
  return page.locator("path.fp-device").evaluateAll((els) => els.map((e) => e.getAttribute("d") ?? ""));
}

test("the overview lists both floors with live counts", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "HQ" })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("link", { name: /Floor 1/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /Floor 2/ })).toBeVisible();
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  await expect(page.getByRole("link", { name: /Floor 1/ })).toContainText(/Camera · live/);
  await expect(page.getByRole("link", { name: /Floor 2/ })).toContainText(/Wi-Fi · live/);
  await page.screenshot({ path: `${shots}/overview.png`, fullPage: true });
});

test("the floor page shows the map with dots that move and a count that changes", async ({ page }) => {
  await openFirstFloor(page);
  const overlay = page.locator("img.leaflet-image-layer");
  await expect(overlay).toBeVisible();
  await expect.poll(() => overlay.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect.poll(async () => (await dotPositions(page)).length, { timeout: 15_000 }).toBeGreaterThan(3);

  const before = await dotPositions(page);
  await expect
    .poll(async () => {
      const now = await dotPositions(page);
      return now.filter((d, i) => before[i] !== undefined && d !== before[i]).length;
    }, { timeout: 15_000 })
    .toBeGreaterThan(0);

  const count = page.getByTestId("floor-count");
  const first = await count.textContent();
  await expect.poll(() => count.textContent(), { timeout: 45_000 }).not.toBe(first);
  await page.screenshot({ path: `${shots}/floor.png` });
});

test("an unknown location says so instead of showing an empty map", async ({ page }) => {
  const res = await page.goto("/locations/location-does-not-exist");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await page.screenshot({ path: `${shots}/not-found.png` });
});
