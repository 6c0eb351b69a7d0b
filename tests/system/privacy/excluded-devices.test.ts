import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocationView } from "@/lib/realtime/protocol";
import { appForSuite } from "../../helpers/suite-app";
import { bootApp } from "../../helpers/app-in-process";
import { simulatorUrl, type Browser } from "../../helpers/auth-http";
import { apiError, launchAs, socketAs, tenantLocations } from "../../helpers/hostile";
import { findInFiles, piiOf } from "../../helpers/pii";
import { until } from "../../helpers/poll";
import { createDb, type Db } from "@/lib/store/db";
import { launchAdmin } from "../../helpers/app-env";

// The opt-out list is Cisco's MAC filters, read and written through Floorpulse with the activation's
// API key and kept nowhere else. Against the simulator, which stops sending filtered devices: they
// leave the floor map and the counts, and come back when taken off the list. The simulator runs at 20
// simulated seconds per second, so the 10 minutes after which an unheard device is gone pass in 30 s.

describe("excluded devices", () => {
  const app = appForSuite(() => bootApp({ SIMULATOR_SPEED: "20", ...launchAdmin("facilities@example.com") }));
  let sim: string;
  let admin: Browser;
  let floor2: LocationView;
  let partnerTenantId: string;
  let partnerKey: string;

  beforeAll(async () => {
    sim = simulatorUrl(app);
    admin = await launchAs(app, "facilities@example.com");
    floor2 = (await tenantLocations(app, admin)).find((l) => l.type === "FLOOR" && l.name === "Floor 2")!;
    partnerTenantId = ((await (await fetch(`${sim}/admin/world?tenant=0`)).json()) as { partnerTenantId: string })
      .partnerTenantId;
    partnerKey = ((await (await fetch(`${sim}/admin/keys`)).json()) as { partnerKey: string }).partnerKey;
  });
  afterAll(async () => {
    await db?.$disconnect();
  });
  let db: Db | undefined;
  /** The stored checkpoint's event time: it moves with every persist of what ingest keeps. */
  const checkpointAt = async () => {
    db ??= createDb(`file:${join(app.dir, "floorpulse.db")}`);
    return Number((await db.checkpoint.findFirst())?.recordTimestamp ?? 0);
  };

  const list = () => fetch(`${app.url}/api/excluded-devices`, { headers: { Cookie: admin.cookie } });
  const save = (macFilter: unknown) =>
    fetch(`${app.url}/api/excluded-devices`, {
      method: "PUT",
      headers: {
        "Content-Type": "application/json",
        Cookie: admin.cookie,
        "X-CSRF-Token": admin.csrf,
        Origin: app.url,
      },
      body: JSON.stringify({ macFilter }),
    });
  /** The list as Cisco (the simulator) holds it, asked directly with the partner key. */
  const atCisco = async () =>
    (
      (await (
        await fetch(`${sim}/api/partners/v1/firehose/filters?partnerTenantId=${partnerTenantId}`, {
          headers: { "X-API-KEY": partnerKey },
        })
      ).json()) as { macFilter: string[] }
    ).macFilter;
  /**
   * Devices on the live floor map and the people the floor's number counts by Wi-Fi, as a browser watching
   * it gets them (room counters such as Webex still count the people in their rooms: that is not Wi-Fi).
   */
  const liveFloor = async () => {
    const s = await socketAs(app, { cookie: admin.cookie });
    try {
      const devices = await s.timeout(10_000).emitWithAck("floor:watch", floor2.id);
      const snap = await s.timeout(10_000).emitWithAck("location:watch", floor2.id);
      if ("error" in devices || "error" in snap) throw new Error("watch refused");
      const o = snap.counts[floor2.id];
      return { dots: devices.devices.length, count: o && !o.rollup && o.source?.startsWith("wifi") ? o.count : 0 };
    } finally {
      s.close();
    }
  };
  const waitUntil = (what: string, ok: (f: { dots: number; count: number }) => boolean, ms = 120_000) =>
    until(what, liveFloor, ok, ms, 1000);

  it("reads the list from Cisco: empty at first", async () => {
    expect(await list().then((r) => r.json())).toEqual({ macFilter: [], account: "Floorpulse Demo" });
  });

  it("refuses entries that are not MAC addresses or patterns, or that would exclude everyone, and leaves Cisco's list alone", async () => {
    for (const bad of [
      ["printer"],
      ["*"],
      ["??:??:??:??:??:??"],
      ["aa:bb:cc"],
      ["aa:bb:cc:dd:ee:ff:00"],
      ["aa:bb:cc:dd:ee:fg"],
      [42],
      Array(501).fill("aa:bb:cc:dd:ee:ff"),
    ]) {
      const res = await save(bad);
      expect(await apiError(res), JSON.stringify(bad).slice(0, 40)).toMatchObject({ status: 400, code: "VALIDATION" });
    }
    expect((await apiError(await save(["aa:bb:cc"]))).message).toContain('"aa:bb:cc" is not a whole MAC address');
    expect(await atCisco()).toEqual([]);
  });

  it("saves entries at Cisco in one spelling, and keeps none of them in Floorpulse's database", async () => {
    const res = await save(["AA-BB-CC-DD-EE-01", "00:1B:A9:*", "aa:bb:cc:dd:ee:01"]);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ macFilter: ["aa:bb:cc:dd:ee:01", "00:1b:a9:*"], account: "Floorpulse Demo" });
    expect(await atCisco()).toEqual(["aa:bb:cc:dd:ee:01", "00:1b:a9:*"]);
    expect(await list().then((r) => r.json())).toMatchObject({ macFilter: ["aa:bb:cc:dd:ee:01", "00:1b:a9:*"] });
    // A persist of everything ingest keeps happened after the save, so the scan below sees it.
    const saved = await checkpointAt();
    await until("a persist after the save", checkpointAt, (t) => t > saved, 30_000);
    const files = ["floorpulse.db", "floorpulse.db-wal"].map((f) => join(app.dir, f));
    expect(findInFiles(files, ["aa:bb:cc:dd:ee:01", "00:1b:a9:*", "AA-BB-CC-DD-EE-01"])).toEqual([]);
  });

  it("a device on the list leaves the floor map and the counts; taken off the list, it comes back", async () => {
    const before = await waitUntil("people on Floor 2", (f) => f.dots > 0 && f.count > 0);
    expect(before.dots).toBeGreaterThan(0);
    // Every device of the campus, by the first byte of its MAC address (a pattern per maker prefix).
    const macs = (await piiOf(sim)).macAddresses;
    const patterns = [...new Set(macs.map((m) => `${m.slice(0, 2)}:*`))];
    expect((await save(patterns)).status).toBe(200);
    await waitUntil("nobody left on the map of Floor 2", (f) => f.dots === 0 && f.count === 0);
    expect((await save([])).status).toBe(200);
    await waitUntil("people back on Floor 2", (f) => f.dots > 0 && f.count > 0);
  });

  it("viewers cannot read or change the list", async () => {
    const viewer = await launchAs(app, "someone@example.com");
    expect((await fetch(`${app.url}/api/excluded-devices`, { headers: { Cookie: viewer.cookie } })).status).toBe(403);
    const put = await fetch(`${app.url}/api/excluded-devices`, {
      method: "PUT",
      headers: {
        "Content-Type": "application/json",
        Cookie: viewer.cookie,
        "X-CSRF-Token": viewer.csrf,
        Origin: app.url,
      },
      body: JSON.stringify({ macFilter: ["aa:bb:cc:dd:ee:02"] }),
    });
    expect(put.status).toBe(403);
    expect(await atCisco()).toEqual([]);
  });
});
