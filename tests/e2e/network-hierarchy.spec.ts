import { mkdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { removeDir, startApp, tempDir, type AppServer } from "../helpers/app-server";
import { simulatorUrl } from "../helpers/auth-http";

// A customer whose Cisco Spaces hierarchy types buildings as NETWORK only, like the sample location
// hierarchy of the partner guide's Location Info (ROOT, CAMPUS, NETWORK, FLOOR): the overview still
// groups floors under their buildings. Its own server, with the simulator's NETWORK-only world.

const shots = "test-results/screens";
mkdirSync(shots, { recursive: true });
let dir: string;
let app: AppServer;
let sim: string;

interface World {
  partnerTenantId: string;
  floors: Array<{ locationId: string; name: string }>;
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dir = tempDir();
  app = await startApp({ SIMULATOR_HIERARCHY: "network", SIMULATOR_SPEED: "10" }, { dir });
  sim = simulatorUrl(app);
});
test.afterAll(async () => {
  await app?.stop();
  removeDir(dir);
});

test("the world's buildings are NETWORK-only nodes, as in the guide's sample", async () => {
  const world = (await (await fetch(`${sim}/admin/world?tenant=0`)).json()) as World;
  const { partnerKey } = (await (await fetch(`${sim}/admin/keys`)).json()) as { partnerKey: string };
  const res = await fetch(
    `${sim}/api/partners/v1/locations/${world.floors[0]!.locationId}?partnerTenantId=${world.partnerTenantId}`,
    { headers: { "X-API-KEY": partnerKey } },
  );
  const { location } = (await res.json()) as { location: { parent: { inferredLocationTypes: string[] } } };
  expect(location.parent.inferredLocationTypes).toEqual(["NETWORK"]);
});

test("the overview shows each floor under its building, with live counts", async ({ page }) => {
  await page.goto(app.url);
  const hq = page.getByRole("region", { name: "HQ" });
  await expect(hq.getByRole("link", { name: /Floor 1/ })).toBeVisible({ timeout: 30_000 });
  await expect(hq.getByRole("link", { name: /Floor 2/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Other floors" })).toHaveCount(0);
  await expect(hq.getByRole("link", { name: /Floor 1/ })).toContainText(/· live/, { timeout: 30_000 });
  // The tree calls the NETWORK node a building and keeps it where Cisco put it, under the campus.
  const tree = page.getByRole("navigation", { name: /locations/i });
  await expect(tree.getByText("HQ")).toBeVisible();
  await page.screenshot({ path: `${shots}/network-hierarchy-overview.png`, fullPage: true });
});

test("a floor's dots are drawn on its plan from the documented map info and the floor's feet", async ({ page }) => {
  await page.goto(app.url);
  await page
    .getByRole("region", { name: "HQ" })
    .getByRole("link", { name: /Floor 1/ })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Floor 1" })).toBeVisible();
  const overlay = page.locator("img.leaflet-image-layer");
  await expect
    .poll(() => overlay.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 20_000 })
    .toBeGreaterThan(0);
  const map = page.getByTestId("floor-map");
  await expect
    .poll(async () => Number(await map.getAttribute("data-dot-count")), { timeout: 20_000 })
    .toBeGreaterThan(3);
  await page.screenshot({ path: `${shots}/network-hierarchy-floor.png` });
});
