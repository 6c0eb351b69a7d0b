import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seal } from "@/lib/crypto/secret-box";
import { createDb, type Db } from "@/lib/store/db";
import { freePort, removeDir, startApp, tempDir, type AppServer } from "../../helpers/app-server";

// Someone can write to the database (a restored backup, a shared PostgreSQL, a copied data folder) but
// does not hold the data key. They point stored activations at a host of theirs, in every spelling that
// might slip past a check, and wait for Floorpulse to send the API key there. Keys from before sealing
// (plaintext) and from before the base-URL binding (sealed to the activation only) are the easy prey:
// neither needs the data key to be redirected. And a copy of the database folder must not carry the key.

describe("secrets at rest cannot be redirected, read in plaintext, or copied with the database", () => {
  let app: AppServer | undefined;
  let rogue: Server & { hits: Array<{ url: string; headers: IncomingHttpHeaders }>; url: string };
  let dir: string;
  let config: string;
  let env: Record<string, string>;
  const oldKey = randomBytes(32);

  beforeAll(async () => {
    const hits: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
    const srv = createServer((req, res) => {
      hits.push({ url: req.url ?? "", headers: req.headers });
      res.writeHead(200, { "Content-Type": "application/json" }).end("{}");
    });
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    rogue = Object.assign(srv, { hits, url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}` });
    dir = tempDir();
    config = mkdtempSync(join(tmpdir(), "floorpulse-config-"));
    // An install from before: its key file beside the database.
    writeFileSync(join(dir, "floorpulse.key"), oldKey.toString("base64") + "\n", { mode: 0o600 });
    // The same simulator port on both starts, so the demo activation stays the same one.
    env = { SIMULATOR_PORT: String(await freePort()), XDG_CONFIG_HOME: config };
  });
  afterAll(async () => {
    await app?.stop();
    await new Promise<void>((r) => (rogue ? rogue.close(() => r()) : r()));
    removeDir(dir);
    rmSync(config, { recursive: true, force: true });
  });

  it("moves the key file out of the database folder, and a copy of that folder holds no key", async () => {
    app = await startApp(env, { dir });
    await app.waitFor(/data key file moved out of the database folder/);
    await app.stop();
    app = undefined;
    const keyFile = join(config, "floorpulse", "data.key");
    expect(readFileSync(keyFile, "utf8").trim()).toBe(oldKey.toString("base64"));
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(keyFile)).mode & 0o777).toBe(0o700);
    // Everything in the database folder, as a thief copying it would get it.
    const copied = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    expect(copied.length).toBeGreaterThan(0);
    for (const f of copied) {
      const bytes = readFileSync(join(f.parentPath, f.name));
      expect(bytes.includes(oldKey.toString("base64")), f.name).toBe(false);
      expect(bytes.includes(oldKey), f.name).toBe(false);
    }
    expect(existsSync(join(dir, "floorpulse.key"))).toBe(false);
  });

  it("sends no key to a host the database was changed to name, in any spelling, and seals plaintext keys at start", async () => {
    const simPort = env.SIMULATOR_PORT!;
    const roguePort = new URL(rogue.url).port;
    const spellings = [
      rogue.url, // another host (here: the simulator's host on another port)
      `http://localhost:${roguePort}`,
      "https://partners.ciscospaces.io.attacker.example", // a look-alike
      "https://partners-ciscospaces.io",
      "http://partners.ciscospaces.io", // a Cisco host without TLS
      `http://127.0.0.1:${simPort}@127.0.0.1:${roguePort}`, // userinfo: the host is the part after @
      `http://attacker:pw@127.0.0.1:${simPort}`,
      "https://partners.ciscospaces.io:8443", // a Cisco host on another port
      "https://partners.ciscospaces.io@127.0.0.1",
    ];
    const db: Db = createDb(`file:${join(dir, "floorpulse.db")}`);
    try {
      const tenant = await db.tenant.create({ data: { partnerTenantId: "victim", name: "Victim" } });
      let n = 0;
      for (const baseUrl of spellings) {
        for (const apiKey of [`PLAIN-KEY-${n}`, seal(oldKey, `LEGACY-KEY-${n}`, `activation:legacy-${n}`)]) {
          const ref = apiKey.startsWith("PLAIN") ? `plain-${n}` : `legacy-${n}`;
          await db.activation.create({
            data: { tenantId: tenant.id, kind: "single-tenant", appId: "app", activationRefId: ref, baseUrl, apiKey },
          });
        }
        n++;
      }
    } finally {
      await db.$disconnect();
    }

    app = await startApp(env, { dir });
    await app.waitFor(/API keys stored in plaintext are now sealed/);
    // The public status page asks Cisco Spaces, with each activation's key, for its view of the stream.
    const page = await fetch(`${app.url}/status`);
    expect(page.status).toBe(200);
    // Cisco was asked about the one activation whose host is allowed (the simulator), and about no other.
    const html = await page.text();
    expect(html).toMatch(/\d+ active connections?, \d+ app activations?/);
    expect(html).not.toMatch(/Activation 2|Could not ask/);
    await app.waitFor(/activation not streamed/);
    expect(rogue.hits).toEqual([]);
    expect(app.output()).not.toMatch(/PLAIN-KEY|LEGACY-KEY/);

    const after = createDb(`file:${join(dir, "floorpulse.db")}`);
    try {
      const rows = await after.activation.findMany({ select: { apiKey: true, baseUrl: true } });
      expect(rows.length).toBe(spellings.length * 2 + 1);
      for (const r of rows) expect(r.apiKey, r.baseUrl).toMatch(/^enc:v1:/);
      expect(JSON.stringify(rows)).not.toMatch(/PLAIN-KEY/);
    } finally {
      await after.$disconnect();
    }
  });
});
