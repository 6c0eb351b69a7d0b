import { expect, test } from "@playwright/test";

// The building's day, not the browser's: a browser set to a zone whose date differs from the
// building's (the demo campus is in Europe/London, as Cisco's presence records say) still sees
// London's day in the history, because the server cuts days in the building's zone and says which.

const BUILDING_ZONE = "Europe/London";
const dateIn = (timeZone: string) =>
  new Date().toLocaleDateString("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });

test("a browser in another time zone sees the building's day in the history", async ({ browser }) => {
  // A zone whose calendar date differs from London's right now (one of them always does).
  const timezoneId = ["Pacific/Kiritimati", "Pacific/Pago_Pago"].find((z) => dateIn(z) !== dateIn(BUILDING_ZONE))!;
  const context = await browser.newContext({ timezoneId, locale: "en-US" });
  const page = await context.newPage();
  try {
    await page.goto("/");
    await page
      .getByRole("region", { name: "HQ" })
      .getByRole("link", { name: /Floor 1/ })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "Floor 1" })).toBeVisible();
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(timezoneId);

    const history = page.getByRole("region", { name: "History" });
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().includes("/api/history/") && r.url().includes("range=day")),
      history.getByRole("tab", { name: "Day" }).click(),
    ]);
    const day = (await res.json()) as { timeZone: string; from: number; to: number };
    expect(day.timeZone).toBe(BUILDING_ZONE);
    // The window starts at London's midnight of London's today.
    expect(
      new Date(day.from).toLocaleString("en-GB", {
        timeZone: BUILDING_ZONE,
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }),
    ).toBe("00:00");
    expect(
      new Date(day.from).toLocaleDateString("en-US", {
        timeZone: BUILDING_ZONE,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
      }),
    ).toBe(dateIn(BUILDING_ZONE));

    const london = new Date().toLocaleDateString("en-US", {
      weekday: "long",
      day: "numeric",
      month: "long",
      timeZone: BUILDING_ZONE,
    });
    const browsers = new Date().toLocaleDateString("en-US", {
      weekday: "long",
      day: "numeric",
      month: "long",
      timeZone: timezoneId,
    });
    await expect(history.getByText(`Today, ${london}`, { exact: true })).toBeVisible();
    await expect(history.getByText(`Today, ${browsers}`, { exact: true })).toHaveCount(0);
    await history.scrollIntoViewIfNeeded();
    await history.screenshot({ path: `test-results/screens/history-other-zone.png` });
  } finally {
    await context.close();
  }
});
