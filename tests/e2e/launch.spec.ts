import { expect, test, type Page } from "@playwright/test";
import { startApp, type AppServer } from "../helpers/app-server";
import { mintActivation, mintLaunch, simulatorUrl } from "../helpers/auth-http";

// The front door in a real browser: the app-tile launch lands on the dashboard, a bad one gets a
// page that says why, and the sign-in and setup pages explain each outcome. Screenshots of each.

const shots = "test-results/screens";
let app: AppServer;
let sim: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  app = await startApp({
    DEMO_MODE: "off",
    LAUNCH_ADMIN_EMAILS: "boss@example.com",
    OAUTH_CLIENT_SECRET: "e2e-oauth-client-secret",
    ADMIN_EMAIL: "owner@example.com",
    ADMIN_PASSWORD: "owner password 123",
  });
  sim = simulatorUrl(app);
});
test.afterAll(async () => {
  await app?.stop();
});

/** Cisco Spaces' tile: the simulator's launch helper when it has one, else the same auto-submitting form. */
async function launchFromTile(page: Page, o: { userId: string; token?: string }) {
  const dashboardUrl = `${app.url}/auth/appLogin`;
  const helper = `${sim}/admin/launch?${new URLSearchParams({ dashboardUrl, userId: o.userId })}`;
  if (!o.token && (await fetch(helper)).ok) return page.goto(helper);
  const token = o.token ?? (await mintLaunch(sim, { userId: o.userId }));
  const claims = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as {
    version: string;
    appId: string;
  };
  await page.setContent(`<form id="f" method="POST" action="${dashboardUrl}">
    <input type="hidden" name="token" value="${token}"><input type="hidden" name="version" value="${claims.version}"><input type="hidden" name="appId" value="${claims.appId}">
  </form>`);
  const landed = page.waitForNavigation();
  await page.evaluate(() => (document.getElementById("f") as HTMLFormElement).submit());
  return landed;
}

test("the simulator's launch helper signs the user in and the browser lands on the live dashboard", async ({
  page,
}) => {
  await page.goto(`${app.url}/`);
  await expect(page.getByRole("heading", { name: "Sign in to see live occupancy" })).toBeVisible();
  await page.screenshot({ path: `${shots}/signed-out-dashboard.png` });

  await launchFromTile(page, { userId: "facility.manager@example.com" });
  await expect(page).toHaveURL(`${app.url}/`);
  await expect(page.getByRole("heading", { name: "Occupancy now" })).toBeVisible();
  await expect(page.getByTestId("session-badge")).toContainText("facility.manager@example.com");
  await expect(page.getByTestId("session-badge")).toContainText("Viewer");
  await expect(page.getByRole("link", { name: /Floor 1/ })).toBeVisible({ timeout: 20_000 });
  await page.screenshot({ path: `${shots}/launched-dashboard.png` });
});

test("a launch that fails verification shows why, with a 401 and no dashboard", async ({ page }) => {
  const expired = await mintLaunch(sim, { userId: "late@example.com", ttlSeconds: -300 });
  const responses: number[] = [];
  page.on("response", (r) => {
    if (r.url().endsWith("/auth/appLogin")) responses.push(r.status());
  });
  await launchFromTile(page, { userId: "late@example.com", token: expired });
  await expect(page.getByRole("heading", { name: "Floorpulse could not sign you in" })).toBeVisible();
  await expect(page.getByText(/launch token has expired/)).toBeVisible();
  expect(responses).toEqual([401]);
  await expect(page.getByText("Occupancy now")).toHaveCount(0);
  await page.screenshot({ path: `${shots}/launch-401.png` });
});

test("the sign-in page explains itself and says when the password is wrong", async ({ page }) => {
  await page.goto(`${app.url}/signin`);
  await expect(page.getByRole("heading", { name: "Sign in to Floorpulse" })).toBeVisible();
  await page.screenshot({ path: `${shots}/signin.png` });
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
  await page.screenshot({ path: `${shots}/signin-wrong-password.png` });
});

test("the setup wizard explains every outcome in plain words", async ({ page }) => {
  await launchFromTile(page, { userId: "boss@example.com" });
  await expect(page.getByTestId("session-badge")).toContainText("Admin");
  await page.goto(`${app.url}/setup`);
  await expect(page.getByRole("heading", { name: "Setup", exact: true })).toBeVisible();

  const attempt = async (token: string, shot: string, title: RegExp) => {
    await page.getByLabel("Activation token").fill(token);
    await page.getByRole("button", { name: "Activate" }).click();
    await expect(page.getByTestId("setup-outcome")).toContainText(title);
    await page.getByTestId("setup-outcome").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/${shot}.png`, fullPage: true });
  };
  const good = await mintActivation(sim);
  await attempt(good, "setup-activated", /Activated/);
  await attempt(good, "setup-token-reused", /already used/);
  await attempt(await mintActivation(sim, { ttlSeconds: -120 }), "setup-token-expired", /has expired/);
  await attempt(
    await mintActivation(sim, { baseUrl: "https://spaces.attacker.example" }),
    "setup-base-url-not-allowed",
    /does not trust/,
  );
  await attempt("eyJhbGciOiJub25lIn0.eyJmb28iOiJiYXIifQ.", "setup-token-invalid", /not accepted/);
});

test("an admin creates a kiosk link, shown once", async ({ page }) => {
  await launchFromTile(page, { userId: "boss@example.com" });
  await page.goto(`${app.url}/setup/kiosks`);
  await page.getByLabel("Label").fill("Lobby screen");
  await page.getByRole("button", { name: "Create link" }).click();
  await expect(page.getByText("Kiosk link created")).toBeVisible();
  await expect(page.getByRole("cell", { name: "Lobby screen" })).toBeVisible();
  await page.screenshot({ path: `${shots}/kiosk-links.png`, fullPage: true });
});

test("the OAuth login page Cisco Spaces opens, and its refusal of a foreign redirect URI", async ({ page }) => {
  const q = (redirect: string) =>
    new URLSearchParams({
      client_id: "floorpulse",
      redirect_uri: redirect,
      response_type: "code",
      state: "0855E7EFE7124B538D455F0C5CEF2629",
    });
  await page.goto(`${app.url}/auth/login?${q("https://partners.dnaspaces.io/partner/OAuthValidation")}`);
  await expect(page.getByRole("heading", { name: "Connect Cisco Spaces to Floorpulse" })).toBeVisible();
  await page.screenshot({ path: `${shots}/oauth-login.png` });
  // Signing in sends the browser on to Cisco's OAuthValidation with a code (Cisco itself is stood in for here).
  let arrived: URL | null = null;
  await page.route("https://partners.dnaspaces.io/**", (route) => {
    arrived = new URL(route.request().url());
    return route.fulfill({ contentType: "text/html", body: "<h1>Cisco Spaces (stand-in)</h1>" });
  });
  // The page also offers a sign-up for customers without an account: this one signs in.
  const signIn = page.locator("form").filter({ has: page.getByRole("button", { name: "Sign in and connect" }) });
  await signIn.getByLabel("Email").fill("owner@example.com");
  await signIn.getByLabel("Password").fill("owner password 123");
  await signIn.getByRole("button", { name: "Sign in and connect" }).click();
  await expect(page.getByRole("heading", { name: "Cisco Spaces (stand-in)" })).toBeVisible();
  expect(arrived!.pathname).toBe("/partner/OAuthValidation");
  expect(arrived!.searchParams.get("state")).toBe("0855E7EFE7124B538D455F0C5CEF2629");
  expect(arrived!.searchParams.get("code")).toMatch(/^[0-9A-F]{40}$/);

  const res = await page.goto(`${app.url}/auth/login?${q("https://attacker.example/cb")}`);
  expect(res?.status()).toBe(400);
  await expect(page.getByRole("heading", { name: "Configuration mismatch" })).toBeVisible();
  await page.screenshot({ path: `${shots}/oauth-mismatch.png` });
});

test("in simulator mode a visitor on this machine sees the demo without an account, labelled as such", async ({
  page,
  baseURL,
}) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto(`${baseURL}/`);
  await expect(page.getByTestId("session-badge")).toContainText("Demo mode");
  await expect(page.getByRole("heading", { name: "Occupancy now" })).toBeVisible();
  await page.screenshot({ path: `${shots}/demo-mode.png` });
  // The strict CSP leaves the live map working: Leaflet, its image layer and the socket.
  await page.getByRole("link", { name: /Floor 1/ }).click();
  await expect(page.locator("img.leaflet-image-layer")).toBeVisible();
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  expect(violations).toEqual([]);
});
