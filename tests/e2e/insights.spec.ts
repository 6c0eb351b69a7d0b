import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { parseCsv } from "../../lib/history/csv";
import { resolveTimeZones } from "../../lib/insights/load";
import { localDate, startOfLocalDate } from "../../lib/insights/period";
import { createDb, type Db } from "../../lib/store/db";
import { writeBuckets } from "../../lib/store/ingest-batch";
import { WEEK_CAPACITY, weekBuckets } from "../helpers/insights-week";

// The insights page over a simulated week: a week of minute rollups written through the store into
// the running server's database (before the simulator's own live day), for HQ, Floor 2 and two of
// its meeting rooms. The page must show the figures, the heat grid and the right-sizing reasons,
// and work from the keyboard alone.

const shots = "docs";
const DAY = 86_400_000;
let db: Db;
let period = { from: "", to: "" };
let ids = { building: "", floor: "", bigRoom: "", smallRoom: "" };

async function idOf(name: string): Promise<string> {
  let id: string | undefined;
  await expect
    .poll(async () => (id = (await db.location.findFirst({ where: { name }, select: { id: true } }))?.id), {
      timeout: 30_000,
    })
    .toBeTruthy();
  return id!;
}

test.beforeAll(async () => {
  db = createDb(`file:${join(process.env.E2E_DATA_DIR!, "floorpulse.db")}`);
  ids = {
    building: await idOf("HQ"),
    floor: await idOf("Floor 2"),
    bigRoom: await idOf("Board Room"),
    smallRoom: await idOf("Meeting Room Gamma"),
  };
  for (const [k, id] of Object.entries(ids))
    await db.location.update({ where: { id }, data: { capacity: WEEK_CAPACITY[k as keyof typeof WEEK_CAPACITY] } });
  // The ingest learns HQ's zone from Location Info; seed on that clock, as the page will read it.
  await expect
    .poll(async () => (await db.location.count({ where: { timeZone: { not: null } } })) > 0, { timeout: 30_000 })
    .toBe(true);
  const tz = resolveTimeZones(
    await db.location.findMany({ select: { id: true, parentId: true, timeZone: true } }),
    "UTC",
  ).get(ids.bigRoom)!;
  // The seven local days before today: the live simulator writes only today.
  const today = localDate(Date.now(), tz);
  const day = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
  period = { from: day(-7), to: day(-1) };
  const rows = weekBuckets(ids, startOfLocalDate(period.from, tz), startOfLocalDate(today, tz), tz);
  // Two more of today's weekday further back, so the forecast has three weeks behind it.
  for (const back of [-21, -14])
    rows.push(...weekBuckets(ids, startOfLocalDate(day(back), tz), startOfLocalDate(day(back + 1), tz), tz));
  for (let i = 0; i < rows.length; i += 2000) await writeBuckets(db, rows.slice(i, i + 2000));
});

test.afterAll(async () => {
  await db?.$disconnect();
});

const open = async (page: Page) => {
  await page.goto(`/insights?from=${period.from}&to=${period.to}&hours=${encodeURIComponent("Mon-Fri 08:00-18:00")}`);
  await expect(page.getByRole("heading", { level: 1, name: "Insights: All locations" })).toBeVisible();
};
const row = (page: Page, id: string) => page.getByTestId(`insights-row-${id}`);

test("shows utilization, the heat grid and right-sizing with its reasons for the week", async ({ page }) => {
  await open(page);
  // Board Room: five working days, Wednesday's lost hour left out; 2,565 person-minutes over 2,940 minutes.
  await expect(row(page, ids.bigRoom).getByRole("cell")).toHaveText([
    "Room or zone",
    "12",
    "0.9",
    "6",
    "7 %",
    "29 %",
    "0 %",
    "98 %",
    "Heat grid",
  ]);
  await expect(row(page, ids.smallRoom).getByRole("cell")).toHaveText([
    "Room or zone",
    "4",
    /^2(\.\d)?$/,
    "4",
    /^\d+ %$/,
    "59 %",
    "59 %",
    "98 %",
    "Heat grid",
  ]);
  await expect(row(page, ids.floor).getByRole("cell").nth(3)).toHaveText("20");

  const suggestions = page.getByRole("list", { name: "Right-sizing suggestions" });
  await expect(suggestions.getByTestId("suggestion-oversized")).toContainText(
    "Board Room: Larger than its meetings need",
  );
  await expect(suggestions.getByTestId("suggestion-oversized")).toContainText(
    "12 seats; 95 % of 21 meetings had 4 people or fewer (largest: 6 people).",
  );
  await expect(suggestions.getByTestId("suggestion-often_full")).toContainText("Meeting Room Gamma: Often full");
  await expect(suggestions.getByTestId("suggestion-consolidate_floor")).toContainText(
    "Floor 2: Consolidation candidate",
  );
  await expect(suggestions.getByTestId("suggestion-consolidate_floor")).toContainText(
    "Never more than 20 people at once, 20 % of its 100 places",
  );

  // The heat grid starts on the building; the Board Room's Friday 10:00 hour holds its largest meeting.
  await expect(page.getByRole("table", { name: /Typical occupancy of HQ/ })).toBeVisible();
  await row(page, ids.bigRoom).getByRole("button", { name: "Heat grid of Board Room" }).click();
  const grid = page.getByRole("table", { name: /Typical occupancy of Board Room/ });
  await expect(grid.getByRole("row", { name: /^Fri/ }).getByRole("cell").nth(10)).toHaveText("3");
  await expect(grid.getByRole("row", { name: /^Sat/ }).getByRole("cell").nth(10)).toHaveText("0");
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${shots}/insights.png`, fullPage: true });

  // Per location: Floor 2 and what is below it, same period and hours.
  await row(page, ids.floor).getByRole("link", { name: "Floor 2" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Insights: Floor 2" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Working hours" })).toHaveValue("Mon-Fri 08:00-18:00");
  await expect(row(page, ids.bigRoom)).toBeVisible();
  await expect(row(page, ids.building)).toHaveCount(0);
  await expect(page.getByRole("table", { name: /Typical occupancy of Floor 2/ })).toBeVisible();
});

test("sorts and filters from the keyboard alone, and the CSV is the table shown", async ({ page }) => {
  await open(page);
  const level = page.getByRole("combobox", { name: "Level" });
  await level.focus();
  await page.keyboard.press("ArrowDown"); // Buildings
  await page.keyboard.press("ArrowDown"); // Floors
  await page.keyboard.press("ArrowDown"); // Rooms and zones
  await expect(level).toHaveValue("ZONE");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("searchbox", { name: "Name" })).toBeFocused();
  await page.keyboard.type("room");
  const table = page.locator(".insights__table");
  await expect(table.locator("tbody tr")).not.toHaveCount(0);
  for (const name of await table.locator("tbody th").allTextContents()) expect(name.toLowerCase()).toContain("room");

  // Tab to the Peak header and sort by it with Enter, then reverse it with Space.
  const peak = table.getByRole("columnheader", { name: /Peak/ });
  await page.keyboard.press("Tab"); // CSV button
  for (let i = 0; i < 10 && !(await peak.getByRole("button").evaluate((b) => b === document.activeElement)); i++)
    await page.keyboard.press("Tab");
  await expect(peak.getByRole("button")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(peak).toHaveAttribute("aria-sort", "descending");
  await expect(table.locator("tbody tr").first().locator("th")).toHaveText("Board Room");
  await page.keyboard.press("Space");
  await expect(peak).toHaveAttribute("aria-sort", "ascending");
  await page.screenshot({ path: `${shots}/insights-keyboard.png` });

  const shown = await table.locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) =>
      Array.from(tr.querySelectorAll("th, td"))
        .slice(0, -1)
        .map((c) => c.textContent!.replace(/ %$/, "").replace(/^—$/, "")),
    ),
  );
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download CSV" }).click();
  const file = await (await downloading).path();
  const csv = parseCsv(readFileSync(file!, "utf8"));
  expect(csv[0]![0]).toBe("Location");
  expect(csv.slice(1)).toEqual(shown);
});

test("draws today's forecast beside the live line on the history chart", async ({ page }) => {
  await page.goto(`/locations/${encodeURIComponent(ids.bigRoom)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Board Room" })).toBeVisible();
  await page.getByRole("tab", { name: "Day" }).click();
  const caption = page.getByTestId("history-forecast");
  await expect(caption).toContainText("Forecast (dashed, from now): the typical");
  await expect(caption).toContainText("dotted lines: the range 8 days in 10 stay within");
  await expect(page.locator(".history-line--forecast")).toHaveCount(1);
  await expect(page.locator(".history-line--forecast-band")).toHaveCount(2);
  await page.mouse.move(0, 0); // no tooltip in the picture
  await page.locator(".history").screenshot({ path: `${shots}/forecast.png` });
});

test("a kiosk says how the rest of the day usually goes", async ({ page }) => {
  const base = process.env.E2E_BASE_URL!;
  const res = await fetch(`${base}/api/kiosk-tokens`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: base },
    body: JSON.stringify({ locationId: ids.bigRoom, label: "Board Room door", rotateSec: 15, theme: "dark" }),
  });
  expect(res.status).toBe(201);
  const link = (await res.json()) as { url: string };
  await page.goto(link.url);
  await expect(page.getByTestId("kiosk-page")).toHaveText("Board Room");
  // Three earlier same weekdays are seeded: enough for the display to speak.
  await expect(page.getByTestId("kiosk-outlook")).toHaveText(
    /^Usually (quieter after \d\d:\d\d|busier from \d\d:\d\d|about this busy for the next few hours)\.$/,
    { timeout: 20_000 },
  );
  await page.screenshot({ path: `${shots}/kiosk-forecast.png` });
});
