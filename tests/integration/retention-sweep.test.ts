import { describe, expect, it } from "vitest";
import { bootAppWithDb } from "../helpers/app-in-process";
import { appForSuite } from "../helpers/suite-app";
import { OAUTH_SECRET } from "../helpers/oauth-activation";

// Retention does not wait for a stream: a Floorpulse with no customer streaming (here a multi-tenant
// app nobody has activated yet) still deletes positions past their window, and minute counts past a year.
describe("the retention sweep", () => {
  const app = appForSuite(
    () =>
      bootAppWithDb({
        DEMO_MODE: "off",
        SPACES_APP_TYPE: "multi-tenant",
        SPACES_API_KEY: "partner-key-never-used",
        SPACES_BASE_URL: "https://partners.dnaspaces.io",
        OAUTH_CLIENT_SECRET: OAUTH_SECRET,
        POSITION_RETENTION_HOURS: "0.01", // 36 s: swept every 9 s
      }),
    150_000,
  );

  it("deletes old positions and year-old counts while no stream runs, and keeps recent ones", async () => {
    expect(app.output()).not.toMatch(/firehose connected/);
    const now = Date.now();
    await app.db.positionSample.createMany({
      data: [
        { locationId: "location-a", at: new Date(now - 3_600_000), points: "[]" },
        { locationId: "location-a", at: new Date(now + 600_000), points: "[]" },
      ],
    });
    const sample = { locationId: "location-a", source: "shown", min: 1, max: 1, last: 1, sum: 60, seconds: 60 };
    await app.db.occupancySample.createMany({
      data: [
        { ...sample, bucket: new Date(now - 400 * 86_400_000) },
        { ...sample, bucket: new Date(now - 86_400_000) },
      ],
    });
    await expect
      .poll(() => app.db.positionSample.count({ where: { at: { lt: new Date(now) } } }), { timeout: 30_000 })
      .toBe(0);
    await expect
      .poll(() => app.db.occupancySample.count({ where: { bucket: { lt: new Date(now - 366 * 86_400_000) } } }), {
        timeout: 30_000,
      })
      .toBe(0);
    expect(await app.db.positionSample.count()).toBe(1);
    expect(await app.db.occupancySample.count()).toBe(1);
  }, 120_000);
});
