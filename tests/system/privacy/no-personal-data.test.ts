import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeDir, startApp, tempDir, type AppServer } from "../../helpers/app-server";
import { simulatorUrl } from "../../helpers/auth-http";
import { launchAs, firstFloor } from "../../helpers/hostile";
import { until } from "../../helpers/poll";
import { findInFiles, findInText, needlesOf, piiOf, type PiiSample } from "../../helpers/pii";
import { launchAdmin } from "../../helpers/app-env";

// The simulator sends MAC addresses, e-mails, names, phone numbers and social handles in its records;
// after minutes of ingest, nothing of it is in the SQLite file (WAL included) or in the server's logs,
// and Floorpulse never called the device-profile API.

describe("no personal data kept or logged", () => {
  let app: AppServer;
  let sim: string;
  let pii: PiiSample;
  const dir = tempDir();
  const dbFiles = () =>
    ["floorpulse.db", "floorpulse.db-wal", "floorpulse.db-shm", "floorpulse.db-journal"].map((f) => join(dir, f));

  beforeAll(async () => {
    // Debug logging: the most a log could ever say. Ten simulated seconds per second: many records.
    app = await startApp(
      {
        SIMULATOR_PII: "true",
        SIMULATOR_SPEED: "10",
        LOG_LEVEL: "debug",
        ...launchAdmin("privacy.officer@example.com"),
      },
      { dir },
    );
    sim = simulatorUrl(app);
    pii = await piiOf(sim);
    // Use it as people would: a launch, a floor with positions, time travel.
    const admin = await launchAs(app, "privacy.officer@example.com");
    const { floorId } = await firstFloor(app, admin);
    const frame = () =>
      fetch(`${app.url}/api/locations/${floorId}/positions?at=${Date.now() + 3_600_000}`, {
        headers: { Cookie: admin.cookie },
      }).then((r) => r.json() as Promise<{ sampleAt: number | null; points: unknown[] }>);
    // Positions are stored (the scan below must look at a database that holds what it guards)...
    const first = await until("stored positions", frame, (f) => f.points?.length > 0 && f.sampleAt !== null, 60_000);
    // ...and a few more persists of rollups, positions and the checkpoint follow (one per 20 s of event time here).
    await until("three more persists", frame, (f) => f.sampleAt! >= first.sampleAt! + 60_000, 60_000);
  });
  afterAll(async () => {
    await app?.stop();
    removeDir(dir);
  });

  it("the simulator really sends personal data in the records Floorpulse reads", async () => {
    expect(pii.piiInRecords).toBe(true);
    expect(pii.macAddresses.length).toBeGreaterThan(100);
    const { partnerKey } = (await (await fetch(`${sim}/admin/keys`)).json()) as { partnerKey: string };
    const res = await fetch(`${sim}/api/partners/v1/firehose/events?fromTimestamp=${Date.now() - 120_000}`, {
      headers: { "X-API-KEY": partnerKey },
    });
    const reader = res.body!.getReader();
    let text = "";
    while (text.length < 400_000) {
      const { value, done } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString();
    }
    await reader.cancel();
    expect(text.length, text.slice(0, 300)).toBeGreaterThan(10_000);
    expect(findInText(text, pii.emails).length).toBeGreaterThan(0);
    expect(findInText(text, pii.macAddresses).length).toBeGreaterThan(0);
    expect(findInText(text, pii.socialHandles).length).toBeGreaterThan(0);
    // Names arrive as firstName and lastName fields; stored anywhere, they would be found as "First Last" or as those fields.
    expect(
      findInText(
        text,
        pii.names.map((n) => `"lastName":"${n.split(" ")[1]}"`),
      ).length,
    ).toBeGreaterThan(0);
  });

  it("the database file and its WAL hold no MAC address, e-mail, name, phone number or social handle", () => {
    // The same scan does find what is stored: the campus name from the same records.
    expect(findInFiles(dbFiles(), ["Demo Campus"]).length).toBeGreaterThan(0);
    expect(findInFiles(dbFiles(), needlesOf(pii))).toEqual([]);
  });

  it("the server's logs hold none either", () => {
    expect(app.output()).toContain("firehose connected"); // the logs of ingest are there to search
    expect(findInText(app.output(), needlesOf(pii))).toEqual([]);
  });

  it("Floorpulse never called Cisco's device-profile API", async () => {
    const { requests } = (await (await fetch(`${sim}/admin/requests`)).json()) as { requests: Record<string, number> };
    expect(requests["GET /api/partners/v1/firehose/events"]).toBeGreaterThan(0); // the counter counts
    expect(Object.keys(requests).filter((k) => /^\w+ \/api\/partners\/v1\/device(\/|$)/.test(k))).toEqual([]);
  });

  it("after a clean shutdown (WAL folded into the file) the database still holds none", async () => {
    await app.stop();
    expect(findInFiles(dbFiles(), needlesOf(pii))).toEqual([]);
  });
});
