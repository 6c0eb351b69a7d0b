import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { removeDir, startApp, tempDir, type AppServer } from "../helpers/app-server";

// The admin page for kiosk display links, driven from the keyboard in a real browser against its own
// server (an empty list to start from): create, set and clear an expiry, rotate (the new link and its
// QR code shown once, the old link dead), revoke, and the error a stale page gets.

mkdirSync("docs", { recursive: true });
let dir: string;
let app: AppServer;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dir = tempDir();
  app = await startApp({}, { dir });
});
test.afterAll(async () => {
  await app?.stop();
  removeDir(dir);
});

/** What a display asks about its link: 200 while it works, 401 once revoked or expired. */
const linkStatus = (url: string) =>
  fetch(`${app.url}/api/kiosk/status`, { headers: { Authorization: `Bearer ${url.split("/kiosk/")[1]}` } }).then(
    (r) => r.status,
  );
const row = (page: Page, label: string) => page.getByTestId("kiosk-row").filter({ hasText: label });

test("an admin creates, expires, rotates and revokes kiosk links from the keyboard", async ({ page }) => {
  test.setTimeout(120_000);
  // Locations appear once the stream has reported them; until then the page says so.
  await expect
    .poll(
      async () => {
        await page.goto(`${app.url}/setup/kiosks`);
        return page.getByLabel("Location").count();
      },
      { timeout: 60_000 },
    )
    .toBe(1);
  await expect(page.getByTestId("no-kiosks")).toHaveText(/No kiosk links yet/);

  // Create: type a label and press Enter.
  await page.getByLabel("Label").focus();
  await page.keyboard.type("Lobby screen");
  await page.keyboard.press("Enter");
  const made = page.getByTestId("new-kiosk-link");
  await expect(made).toBeVisible();
  await expect(made.getByRole("heading")).toBeFocused();
  const first = (await page.getByTestId("new-kiosk-url").textContent())!.trim();
  expect(first).toMatch(/\/kiosk\/fpk_/);
  await expect(made.getByRole("img", { name: /QR code of/ })).toBeVisible();
  await expect(row(page, "Lobby screen")).toHaveAttribute("data-state", "active");
  await expect(row(page, "Lobby screen")).toContainText("no expiry");
  expect(await linkStatus(first)).toBe(200);

  // Set an expiry a month ahead, then clear it.
  const day = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await row(page, "Lobby screen").getByLabel("Expires on").fill(day);
  await row(page, "Lobby screen").getByLabel("Expires on").press("Enter");
  await expect(row(page, "Lobby screen")).toContainText(`until ${day}`);
  await expect(page.getByRole("status").filter({ hasText: "Lobby screen now expires" })).toBeVisible();
  await row(page, "Lobby screen").getByRole("button", { name: "Clear expiry" }).focus();
  await page.keyboard.press("Enter");
  await expect(row(page, "Lobby screen")).toContainText("no expiry");
  expect(await linkStatus(first)).toBe(200);

  // Rotate from the keyboard: Tab from the expiry form's button reaches Rotate.
  await row(page, "Lobby screen").getByRole("button", { name: "Set expiry" }).focus();
  await page.keyboard.press("Tab");
  await expect(row(page, "Lobby screen").getByRole("button", { name: /^Rotate/ })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(made.getByRole("heading")).toHaveText(/New link for Lobby screen/);
  const second = (await page.getByTestId("new-kiosk-url").textContent())!.trim();
  expect(second).not.toBe(first);
  await expect(made.getByRole("img", { name: `QR code of ${second}` })).toBeVisible();
  await expect(page.locator('[data-testid="kiosk-row"][data-state="revoked"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="kiosk-row"][data-state="active"]')).toHaveCount(1);
  expect(await linkStatus(first)).toBe(401);
  expect(await linkStatus(second)).toBe(200);
  await page.screenshot({ path: "docs/kiosk-admin.png", fullPage: true });

  // The link, shown once, goes away when the admin says so.
  await made.getByRole("button", { name: /Done/ }).press("Enter");
  await expect(made).toHaveCount(0);

  // A stale page: the link was revoked elsewhere (the CLI, another admin); setting its expiry says why it failed.
  const live = page.locator('[data-testid="kiosk-row"][data-state="active"]');
  const list = (await (await fetch(`${app.url}/api/kiosk-tokens`, { headers: { Origin: app.url } })).json()) as {
    kiosks: Array<{ id: string; revokedAt: string | null }>;
  };
  const current = list.kiosks.find((k) => !k.revokedAt)!;
  expect(
    (await fetch(`${app.url}/api/kiosk-tokens/${current.id}`, { method: "DELETE", headers: { Origin: app.url } }))
      .status,
  ).toBe(204);
  await live.getByLabel("Expires on").fill(day);
  await live.getByLabel("Expires on").press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: /kiosk link not found \(or revoked\)/ })).toBeVisible();
  expect(await linkStatus(second)).toBe(401);

  // Revoke from the keyboard: a fresh link, then its Revoke button.
  await page.goto(`${app.url}/setup/kiosks`);
  await page.getByLabel("Label").fill("Cafe screen");
  await page.getByLabel("Expires after (days, empty: until revoked)").fill("7");
  await page.getByLabel("Expires after (days, empty: until revoked)").press("Enter");
  await expect(row(page, "Cafe screen")).toContainText("until");
  const third = (await page.getByTestId("new-kiosk-url").textContent())!.trim();
  await row(page, "Cafe screen").getByRole("button", { name: "Revoke Cafe screen" }).focus();
  await page.keyboard.press("Enter");
  await expect(row(page, "Cafe screen")).toHaveAttribute("data-state", "revoked");
  await expect(page.getByRole("status").filter({ hasText: "Cafe screen is revoked" })).toBeVisible();
  await expect(row(page, "Cafe screen").getByRole("button")).toHaveCount(0);
  expect(await linkStatus(third)).toBe(401);
});
