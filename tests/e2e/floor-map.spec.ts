import { expect, test, type Locator, type Page } from "@playwright/test";

const shots = "test-results/screens";

/** The HQ building's section: other buildings may have floors with the same names. */
const hq = (page: Page) => page.getByRole("region", { name: "HQ" });

async function openFirstFloor(page: Page) {
  await page.goto("/");
  const floor = hq(page).getByRole("link", { name: /Floor 1/ });
  await expect(floor).toBeVisible({ timeout: 20_000 });
  await floor.click();
  await expect(page.getByRole("heading", { level: 1, name: "Floor 1" })).toBeVisible();
}

/** What the canvas layer last drew: how many dots and a fingerprint of their pixel positions. */
async function drawn(page: Page): Promise<{ count: number; hash: string }> {
  const map = page.getByTestId("floor-map");
  return {
    count: Number(await map.getAttribute("data-dot-count")),
    hash: (await map.getAttribute("data-dot-hash")) ?? "",
  };
}

test("the overview lists both floors with live counts", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "HQ" })).toBeVisible({ timeout: 20_000 });
  await expect(hq(page).getByRole("link", { name: /Floor 1/ })).toBeVisible();
  await expect(hq(page).getByRole("link", { name: /Floor 2/ })).toBeVisible();
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  // Floor 1's cameras see only the people in view: a lower bound beside Wi-Fi's count (with the people its
  // counted rooms hold, when it has them), or the count when they see more.
  await expect(hq(page).getByRole("link", { name: /Floor 1/ })).toContainText(
    /(Camera|Wi-Fi users(, \d+ counted in rooms)?, camera sees \d+) · live/,
    { timeout: 20_000 },
  );
  await expect(hq(page).getByRole("link", { name: /Floor 2/ })).toContainText(
    /(Wi-Fi users|≈ from \d+ Wi-Fi devices?) · live/,
    { timeout: 20_000 },
  );
  // The building never shows fewer people than its floors together, and says what its number is.
  const numberIn = async (l: Locator) => Number(await l.locator(".figure__count").first().textContent());
  await expect(async () => {
    const building = await numberIn(hq(page).locator(".building__head"));
    const floors =
      (await numberIn(hq(page).getByRole("link", { name: /Floor 1/ }))) +
      (await numberIn(hq(page).getByRole("link", { name: /Floor 2/ })));
    expect(building).toBeGreaterThanOrEqual(floors);
  }).toPass({ timeout: 20_000 });
  await expect(hq(page).locator(".building__head .figure__meta")).toContainText(/Sum of 2 floors|Wi-Fi users/);
  await page.screenshot({ path: `${shots}/overview.png`, fullPage: true });
});

test("the floor page shows the map with dots that move and a count that changes", async ({ page }) => {
  await openFirstFloor(page);
  const overlay = page.locator("img.leaflet-image-layer");
  await expect(overlay).toBeVisible();
  await expect.poll(() => overlay.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  // Dots live on one canvas, not as Leaflet markers.
  await expect(page.locator("canvas.fp-canvas-layer")).toHaveCount(1);
  await expect(page.locator("path.fp-device, .leaflet-marker-icon")).toHaveCount(0);
  await expect.poll(async () => (await drawn(page)).count, { timeout: 15_000 }).toBeGreaterThan(3);

  const before = (await drawn(page)).hash;
  await expect.poll(async () => (await drawn(page)).hash, { timeout: 15_000 }).not.toBe(before);

  // The canvas really has dot-coloured pixels where the layer says it drew.
  const painted = await page.locator("canvas.fp-canvas-layer").evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
    return n;
  });
  expect(painted).toBeGreaterThan(50);

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
