import { createServer, type IncomingMessage, type Server } from "node:http";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAlertService } from "@/lib/alerts/service";
import { backoffMs, deliverWebhook, SIGNATURE_HEADER, signPayload, verifySignature } from "@/lib/alerts/webhook";
import { createLogger } from "@/lib/log";
import { createDb, type Db } from "@/lib/store/db";
import { applyMigrations } from "@/lib/store/migrate";
import { removeDir, ROOT, tempDir } from "../helpers/app-server";

interface Received {
  body: string;
  signature: string;
}

/** A real HTTP receiver that answers with the statuses queued, then 204. */
function receiver() {
  const got: Received[] = [];
  const statuses: number[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      got.push({ body, signature: String(req.headers[SIGNATURE_HEADER]) });
      res.statusCode = statuses.shift() ?? 204;
      res.end();
    });
  });
  return {
    got,
    statuses,
    async start() {
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      return `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const noWait = { sleep: async () => {}, random: () => 0.5 };

describe("signed alert webhooks", () => {
  let rx: ReturnType<typeof receiver>;
  let url: string;
  beforeAll(async () => {
    rx = receiver();
    url = await rx.start();
  });
  afterAll(() => rx.close());
  afterEach(() => {
    rx.got.length = 0;
    rx.statuses.length = 0;
  });

  it("signs the body with HMAC-SHA256 so the receiver can verify sender and freshness", async () => {
    const r = await deliverWebhook({ url, secret: "s3cret" }, '{"a":1}', { ...noWait, now: () => 1_700_000_000_000 });
    expect(r).toEqual({ delivered: true, attempts: 1, lastError: null });
    const { body, signature } = rx.got[0]!;
    expect(signature).toBe(signPayload("s3cret", '{"a":1}', 1_700_000_000));
    expect(verifySignature("s3cret", body, signature, 1_700_000_010)).toBe(true);
    expect(verifySignature("other", body, signature, 1_700_000_010)).toBe(false);
    expect(verifySignature("s3cret", '{"a":2}', signature, 1_700_000_010)).toBe(false);
    expect(verifySignature("s3cret", body, signature, 1_700_001_000)).toBe(false);
  });

  it("retries server errors with growing waits until the receiver accepts", async () => {
    rx.statuses.push(500, 503);
    const waits: number[] = [];
    const r = await deliverWebhook({ url, secret: "k" }, "{}", {
      sleep: async (ms) => void waits.push(ms),
      random: () => 1,
      baseDelayMs: 100,
    });
    expect(r).toEqual({ delivered: true, attempts: 3, lastError: null });
    expect(waits).toEqual([100, 200]);
    expect(rx.got).toHaveLength(3);
  });

  it("gives up at once on a refusal and after the last attempt on repeated failures", async () => {
    rx.statuses.push(400);
    expect(await deliverWebhook({ url, secret: "k" }, "{}", noWait)).toEqual({
      delivered: false,
      attempts: 1,
      lastError: "HTTP 400",
    });
    rx.statuses.push(502, 502, 502);
    expect(await deliverWebhook({ url, secret: "k" }, "{}", { ...noWait, maxAttempts: 3 })).toEqual({
      delivered: false,
      attempts: 3,
      lastError: "HTTP 502",
    });
  });

  it("caps the backoff", () => {
    expect(backoffMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffMs(10, 1000, 60_000, () => 1)).toBe(60_000);
  });
});

describe("the alert service", () => {
  let dir: string;
  let db: Db;
  let rx: ReturnType<typeof receiver>;
  let url: string;
  const log = createLogger("silent");

  beforeAll(async () => {
    dir = tempDir();
    const dbUrl = `file:${join(dir, "a.db")}`;
    await applyMigrations(ROOT, dbUrl);
    db = createDb(dbUrl);
    await db.tenant.create({ data: { id: "t1", partnerTenantId: "p1", name: "T" } });
    await db.location.create({
      data: { id: "f1", tenantId: "t1", name: "Floor 1", type: "FLOOR", capacity: 10, targetCapacity: 8 },
    });
    rx = receiver();
    url = await rx.start();
  });
  afterAll(async () => {
    await rx?.close();
    await db?.$disconnect();
    removeDir(dir);
  });

  it("writes an Alert row per crossing, delivers it signed, and resumes from open alerts after a restart", async () => {
    const svc = createAlertService({ db, log, webhook: { url, secret: "k" }, delivery: noWait });
    expect(await svc.observe("t1", [{ locationId: "f1", count: 5, at: 1000 }])).toEqual([]);
    const raised = await svc.observe("t1", [{ locationId: "f1", count: 10, at: 2000 }]);
    expect(raised.map((e) => `${e.kind} ${e.level}`)).toEqual(["raised full"]);
    await svc.close();

    const rows = await db.alert.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      tenantId: "t1",
      locationId: "f1",
      level: "full",
      count: 10,
      clearedAt: null,
      attempts: 1,
    });
    expect(rows[0]!.deliveredAt).not.toBeNull();
    const body = JSON.parse(rx.got[0]!.body);
    expect(body).toMatchObject({
      type: "alert.raised",
      alert: { locationId: "f1", locationName: "Floor 1", level: "full", count: 10, capacity: 10, targetCapacity: 8 },
    });
    expect(verifySignature("k", rx.got[0]!.body, rx.got[0]!.signature, Math.floor(Date.now() / 1000))).toBe(true);

    // A new process: still full at 10 raises nothing; dropping to 2 clears the alert it finds open.
    const again = createAlertService({ db, log, webhook: { url, secret: "k" }, delivery: noWait });
    expect(await again.observe("t1", [{ locationId: "f1", count: 10, at: 3000 }])).toEqual([]);
    expect((await again.observe("t1", [{ locationId: "f1", count: 2, at: 4000 }])).map((e) => e.kind)).toEqual([
      "cleared",
    ]);
    await again.close();
    expect((await db.alert.findFirst())!.clearedAt).toEqual(new Date(4000));
    expect(JSON.parse(rx.got[1]!.body).type).toBe("alert.cleared");
  });
});
