import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { parseCsv } from "../../lib/history/csv";

const shots = "test-results/screens";
const hq = (page: Page) => page.getByRole("region", { name: "HQ" });

async function openFloor(page: Page, name: "Floor 1" | "Floor 2") {
  await page.goto("/");
  await hq(page)
    .getByRole("link", { name: new RegExp(name) })
    .click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
}

const floorIdOf = (page: Page) => new URL(page.url()).pathname.split("/").pop()!;

/** Positions are stored every few seconds of event time: waits until a minute ago is on record. */
async function waitForPositionsAMinuteAgo(request: APIRequestContext, floorId: string) {
  await expect
    .poll(
      async () => {
        const r = await request.get(`/api/locations/${floorId}/positions?at=${Date.now() - 65_000}`);
        return r.ok() ? ((await r.json()) as { sampleAt: number | null }).sampleAt : null;
      },
      { timeout: 120_000, intervals: [2_000] },
    )
    .not.toBeNull();
}

test("walks the location tree with the keyboard and searches it", async ({ page }) => {
  await page.goto("/");
  const tree = page.getByRole("tree", { name: "Location hierarchy" });
  await expect(tree).toBeVisible({ timeout: 20_000 });
  const building = tree.getByRole("treeitem", { name: /^HQ,/ });
  await expect(building).toHaveAttribute("aria-expanded", "true");
  await building.focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.locator(":focus")).toHaveAccessibleName(/^Floor 1, Floor, /);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Floor 1" })).toBeVisible();

  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(crumbs.getByRole("link", { name: "HQ" })).toBeVisible();
  await expect(crumbs.locator("[aria-current=page]")).toHaveText("Floor 1");
  await expect(page.getByRole("treeitem", { name: /^Floor 1,/ })).toHaveAttribute("aria-current", "page");

  await page.getByRole("searchbox", { name: "Search locations" }).fill("Floor 2");
  await expect(page.getByRole("treeitem", { name: /^Floor 2,/ }).first()).toBeVisible();
  await expect(page.getByRole("treeitem", { name: /^Floor 1,/ })).toHaveCount(0);
  await page.screenshot({ path: `${shots}/tree-search.png` });

  await crumbs.getByRole("link", { name: "HQ" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "HQ" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Floor 1/ }).first()).toBeVisible();
  await page.screenshot({ path: `${shots}/building.png`, fullPage: true });
});

test("setting a capacity changes the colour and the words, and raises an alert", async ({ page }) => {
  await openFloor(page, "Floor 1");
  const figure = page.locator(".floor-head .figure");
  await expect(page.getByTestId("floor-count")).toHaveText(/^\d+$/, { timeout: 20_000 });
  const form = page.getByRole("form", { name: "Capacity of Floor 1" });

  await form.getByLabel("Maximum").fill("1");
  await form.getByLabel("Target").fill("");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved.");
  await expect(figure).toHaveClass(/figure--full/);
  await expect(figure).toContainText(/Full|Over capacity/);
  await expect(page.getByTestId("capacity-alert").first()).toContainText("Floor 1");
  await page.screenshot({ path: `${shots}/floor-over-capacity.png` });

  // The overview sees the new maximum through the socket, without a reload of its own data.
  await page.goto("/");
  await expect(hq(page).getByRole("link", { name: /Floor 1/ })).toHaveClass(/floor-card--full/, { timeout: 20_000 });

  await openFloor(page, "Floor 1");
  await form.getByLabel("Maximum").fill("100000");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(figure).toHaveClass(/figure--ok/);
  await expect(figure).toContainText("Comfortable");

  await form.getByLabel("Maximum").fill("");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved.");
  await expect(figure).not.toContainText("%");
});

test("exports the chart as CSV with exactly the rows drawn", async ({ page }) => {
  await openFloor(page, "Floor 1");
  const history = page.getByRole("region", { name: "History" });
  await expect(history.getByRole("tab", { name: "Last hour" })).toHaveAttribute("aria-selected", "true");
  const exportButton = history.getByRole("button", { name: "Export CSV" });
  await expect(exportButton).toBeEnabled({ timeout: 30_000 });
  await expect(history.locator(".recharts-line").first()).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), exportButton.click()]);
  expect(download.suggestedFilename()).toMatch(/^floorpulse-floor-1-hour-.*\.csv$/);
  const rows = parseCsv(readFileSync((await download.path())!, "utf8"));
  const [header, ...data] = rows;
  expect(header![0]).toBe("time");
  expect(header).toContain("shown (average count)");
  expect(data.length).toBeGreaterThan(0);
  const hourAgo = Date.now() - 62 * 60_000;
  let last = 0;
  for (const r of data) {
    const t = Date.parse(r[0]!);
    expect(t).toBeGreaterThan(hourAgo);
    expect(t).toBeGreaterThan(last);
    last = t;
    for (const v of r.slice(1, header!.indexOf("shown source") < 0 ? undefined : header!.indexOf("shown source")))
      if (v !== "") expect(Number.isFinite(Number(v))).toBe(true);
  }

  // Switching a series off removes its column from the next export: the file follows the chart.
  const toggles = history.getByRole("group", { name: "Series shown" }).getByRole("checkbox");
  if ((await toggles.count()) > 1) {
    const second = toggles.nth(1);
    const name = (await second.locator("xpath=..").textContent())!.trim();
    await second.uncheck();
    const [again] = await Promise.all([page.waitForEvent("download"), exportButton.click()]);
    const header2 = parseCsv(readFileSync((await again.path())!, "utf8"))[0]!;
    expect(header2.length).toBe(header!.length - 1);
    expect(name.length).toBeGreaterThan(0);
  }

  await history.getByRole("tab", { name: "Day" }).click();
  await expect(history.getByText(/Typical|No earlier/).first()).toBeVisible();
  await expect(history.getByText("How peak and average are worked out")).toBeVisible();
  await history.scrollIntoViewIfNeeded();
  await history.screenshot({ path: `${shots}/history-day.png` });
});

test("the time slider shows a past moment and comes back to live", async ({ page, request }) => {
  test.setTimeout(150_000);
  await openFloor(page, "Floor 1");
  const floorId = floorIdOf(page);
  await waitForPositionsAMinuteAgo(request, floorId);
  await page.reload();
  const slider = page.getByTestId("time-slider");
  await expect(slider).toHaveAttribute("aria-valuetext", "Live");
  await slider.focus();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");

  const map = page.getByTestId("floor-map");
  await expect(map).toHaveAttribute("data-mode", "past");
  const status = page.getByTestId("time-travel-status");
  await expect(status).toContainText("not live");
  await expect(status).toContainText("Positions as recorded at", { timeout: 15_000 });
  await expect(page.locator(".floor-head .figure")).toContainText("recorded");
  await expect(page.getByTestId("device-count")).toContainText("then");
  await expect
    .poll(async () => Number(await map.getAttribute("data-dot-count")), { timeout: 10_000 })
    .toBeGreaterThan(0);
  await page.screenshot({ path: `${shots}/time-travel.png` });

  await page.getByRole("button", { name: "Live", exact: true }).click();
  await expect(map).toHaveAttribute("data-mode", "live");
  await expect(status).toHaveText("Showing live positions and counts.");
  await expect(page.locator(".floor-head .figure")).toContainText("live");
});

test("the heat layer and the dark theme", async ({ page }) => {
  await openFloor(page, "Floor 2");
  const map = page.getByTestId("floor-map");
  await expect
    .poll(async () => Number(await map.getAttribute("data-dot-count")), { timeout: 15_000 })
    .toBeGreaterThan(0);
  await page.getByRole("checkbox", { name: "Heat" }).check();
  await expect(map).toHaveAttribute("data-heat", "on");
  await page.getByRole("checkbox", { name: "Devices", exact: true }).uncheck();
  await expect(map).toHaveAttribute("data-dot-count", "0");
  await page.screenshot({ path: `${shots}/floor-heat.png` });
  await page.getByRole("checkbox", { name: "Devices", exact: true }).check();

  await page.getByLabel("Theme").selectOption("dark");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark"); // kept in a cookie, rendered by the server
  await expect
    .poll(async () => Number(await map.getAttribute("data-dot-count")), { timeout: 15_000 })
    .toBeGreaterThan(0);
  await page.screenshot({ path: `${shots}/floor-dark.png` });
  await page.goto("/");
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  await expect(hq(page).getByRole("link", { name: /Floor 1/ })).toContainText("live");
  await page.screenshot({ path: `${shots}/overview-dark.png`, fullPage: true });
  await page.getByLabel("Theme").selectOption("system");
});

test("an admin draws a zone outline on the map, and it shows coloured with its count", async ({ page }) => {
  await openFloor(page, "Floor 1");
  const item = page.locator(".zone-list__item").first();
  await expect(item).toBeVisible({ timeout: 20_000 });
  const zoneName = (await item.locator(".zone-list__name").textContent())!.trim();
  await item.getByRole("button", { name: /Draw outline|Redraw outline/ }).click();
  const bar = page.getByRole("region", { name: `Drawing the outline of ${zoneName}` });
  await expect(bar).toBeVisible();

  await page.getByTestId("floor-map").scrollIntoViewIfNeeded();
  const box = (await page.getByTestId("floor-map").boundingBox())!;
  const at = (fx: number, fy: number) => page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
  await at(0.3, 0.3);
  await at(0.8, 0.3);
  await at(0.8, 0.6);
  await at(0.3, 0.6);
  await at(0.5, 0.65);
  await expect(bar.getByRole("status")).toContainText("5 so far");
  await page.keyboard.press("Backspace");
  await expect(bar.getByRole("status")).toContainText("4 so far");
  await bar.getByRole("button", { name: "Finish outline" }).click();
  await expect(bar).toBeHidden();

  await expect(page.locator("path.fp-zone")).toHaveCount(1);
  await expect(page.locator(".fp-zone-label")).toHaveCount(1);
  await expect(page.locator(".fp-zone-label")).toContainText(zoneName);
  await expect(item).toContainText("Outline with 4 corners");
  await page.screenshot({ path: `${shots}/zone-drawn.png` });

  await page.reload();
  await expect(page.locator("path.fp-zone")).toHaveCount(1);
  await page.locator(".zone-list__item").first().getByRole("button", { name: "Remove outline" }).click();
  await expect(page.locator("path.fp-zone")).toHaveCount(0);
});

/** The dots' position hash once it stops changing (eased motion finished): read twice, 400 ms apart. */
async function settledHash(page: Page): Promise<string> {
  const map = page.getByTestId("floor-map");
  let seen = "";
  await expect
    .poll(
      async () => {
        const prev = seen;
        seen = (await map.getAttribute("data-dot-hash")) ?? "";
        return seen !== "" && seen === prev;
      },
      { timeout: 15_000, intervals: [400] },
    )
    .toBe(true);
  return seen;
}

test("an admin calibrates the map: the dots move at once and the correction is kept", async ({ page, request }) => {
  test.setTimeout(150_000);
  await openFloor(page, "Floor 1");
  const floorId = floorIdOf(page);
  const map = page.getByTestId("floor-map");
  // Freeze the dots on a recorded moment (time travel): live motion can then move nothing, and only
  // the calibration can change where they are drawn.
  await waitForPositionsAMinuteAgo(request, floorId);
  await page.reload();
  const slider = page.getByTestId("time-slider");
  await slider.focus();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await expect(map).toHaveAttribute("data-mode", "past");
  await expect(page.getByTestId("time-travel-status")).toContainText("Positions as recorded at", { timeout: 15_000 });
  await expect
    .poll(async () => Number(await map.getAttribute("data-dot-count")), { timeout: 15_000 })
    .toBeGreaterThan(0);
  const still = await settledHash(page);

  await page.getByText("Calibrate the map").click();
  const form = page.getByRole("form", { name: "Map calibration" });
  await form.getByLabel("Move right (ft)").fill("25");
  const moved = await settledHash(page);
  expect(moved).not.toBe(still);
  // Undone, the same recorded dots are drawn exactly where they were: the calibration moved them.
  await form.getByLabel("Move right (ft)").fill("0");
  expect(await settledHash(page)).toBe(still);
  await form.getByLabel("Move right (ft)").fill("25");
  expect(await settledHash(page)).toBe(moved);
  await form.getByRole("button", { name: "Save calibration" }).click();
  await expect(form.getByRole("status")).toHaveText("Calibration saved.");
  await page.screenshot({ path: `${shots}/calibration.png` });

  await page.reload();
  await page.getByText("Calibrate the map").click();
  await expect(form.getByLabel("Move right (ft)")).toHaveValue("25");
  await form.getByRole("button", { name: "Reset" }).click();
  await form.getByRole("button", { name: "Save calibration" }).click();
  await expect(form.getByRole("status")).toHaveText("Calibration saved.");
  await expect(form.getByLabel("Move right (ft)")).toHaveValue("0");
});
