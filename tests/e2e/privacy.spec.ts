import { expect, test } from "@playwright/test";
import { startApp, type AppServer } from "../helpers/app-server";
import { simulatorUrl } from "../helpers/auth-http";

// The privacy pages in a real browser: an admin manages the excluded devices list (kept at Cisco
// Spaces), and anyone can read what Floorpulse keeps. Screenshots go to docs/.

let app: AppServer;
let sim: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  app = await startApp({ DEMO_MODE: "off", LAUNCH_ADMIN_EMAILS: "boss@example.com" });
  sim = simulatorUrl(app);
});
test.afterAll(async () => {
  await app?.stop();
});

/** Cisco's list itself, asked directly at the simulator. */
async function listAtCisco(): Promise<string[]> {
  const { partnerKey } = (await (await fetch(`${sim}/admin/keys`)).json()) as { partnerKey: string };
  const { partnerTenantId } = (await (await fetch(`${sim}/admin/world?tenant=0`)).json()) as {
    partnerTenantId: string;
  };
  const res = await fetch(`${sim}/api/partners/v1/firehose/filters?partnerTenantId=${partnerTenantId}`, {
    headers: { "X-API-KEY": partnerKey },
  });
  return ((await res.json()) as { macFilter: string[] }).macFilter;
}

test("an admin excludes devices from the setup page, with every entry checked, and the list is Cisco's", async ({
  page,
}) => {
  await page.goto(
    `${sim}/admin/launch?${new URLSearchParams({ dashboardUrl: `${app.url}/auth/appLogin`, userId: "boss@example.com" })}`,
  );
  await expect(page.getByTestId("session-badge")).toContainText("Admin");
  await page.goto(`${app.url}/setup`);
  await page.getByRole("link", { name: "Excluded devices" }).click();
  await expect(page.getByRole("heading", { name: "Excluded devices" })).toBeVisible();
  await expect(page.getByText("No device is excluded yet.")).toBeVisible();

  const entries = page.getByLabel("MAC addresses or patterns");
  await entries.fill("printer-3rd-floor");
  await page.getByRole("button", { name: "Exclude" }).click();
  await expect(page.getByRole("alert", { name: "Problems" })).toContainText(
    '"printer-3rd-floor" is not a MAC address or pattern',
  );
  expect(await listAtCisco()).toEqual([]);

  await entries.fill("A4-5E-60-C2-11-9B\n00:1b:a9:*");
  await page.getByRole("button", { name: "Exclude" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved at Cisco Spaces" })).toContainText(
    "Added 2 entries. Saved at Cisco Spaces for Floorpulse Demo.",
  );
  await expect(page.getByRole("cell", { name: "a4:5e:60:c2:11:9b", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "00:1b:a9:*", exact: true })).toBeVisible();
  expect(await listAtCisco()).toEqual(["a4:5e:60:c2:11:9b", "00:1b:a9:*"]);
  await page.screenshot({ path: "docs/excluded-devices.png", fullPage: true });

  await page.getByRole("button", { name: "Remove a4:5e:60:c2:11:9b" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved at Cisco Spaces" })).toContainText(
    "Removed a4:5e:60:c2:11:9b. Saved",
  );
  await expect(page.getByRole("cell", { name: "a4:5e:60:c2:11:9b", exact: true })).toHaveCount(0);
  expect(await listAtCisco()).toEqual(["00:1b:a9:*"]);
  // Keyboard: the field and the button are reachable and work without a mouse.
  await entries.focus();
  await page.keyboard.type("zz:zz");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alert", { name: "Problems" })).toContainText('"zz:zz" is not a MAC address or pattern');
});

test("the privacy page, linked from every page's footer, says what is kept, for how long and why", async ({ page }) => {
  await page.goto(`${app.url}/signin`);
  await page.getByRole("contentinfo").getByRole("link", { name: "Privacy" }).click();
  await expect(page.getByRole("heading", { name: "Privacy", exact: true })).toBeVisible();
  await expect(page.getByRole("row", { name: /Positions of devices.*24 hours/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /People counts.*366 days/ })).toBeVisible();
  await expect(
    page.getByText(/MAC addresses, names, e-mail addresses, phone numbers, social network handles/),
  ).toBeVisible();
  await page.screenshot({ path: "docs/privacy.png", fullPage: true });
});
