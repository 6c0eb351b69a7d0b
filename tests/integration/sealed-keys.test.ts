import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seal } from "@/lib/crypto/secret-box";
import { keyTargetCheck } from "@/lib/spaces/regions";
import {
  ensureOAuthActivation,
  findActiveActivations,
  listActivations,
  resealOAuthActivations,
  saveActivation,
} from "@/lib/store/activations";
import { sealPlaintextKeys } from "@/lib/store/sealed-keys";
import { createTempSqliteDatabase, type TempSqliteDatabase } from "../helpers/sqlite";
import { insertActivationRow } from "../helpers/seed";

// Someone with write access to the database (a copied backup, a shared PostgreSQL) points an
// activation at their own host to receive its API key with the next Cisco call. The sealed key is
// bound to the base URL's origin, and the allowlist is checked again on every read.

describe("sealed API keys", () => {
  let t: TempSqliteDatabase;
  const key = randomBytes(32);
  // The seal alone (no allowlist in the way): what a read gives when the allowlist would let a host through.
  const sealOnly = { refuseBaseUrl: () => null };
  const regions = { refuseBaseUrl: keyTargetCheck(["https://partners.dnaspaces.io"]) };
  const base = { kind: "single-tenant" as const, appId: "app", partnerTenantId: "P-1", tenantName: "Acme" };

  beforeAll(async () => {
    t = await createTempSqliteDatabase();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("a key whose activation was pointed at another host does not open, and says so", async () => {
    const a = await saveActivation(
      t.db,
      { ...base, activationRefId: "ref-1", baseUrl: "https://partners.dnaspaces.io", apiKey: "KEY-ONE" },
      key,
    );
    expect((await findActiveActivations(t.db, key, regions)).map((x) => x.apiKey)).toEqual(["KEY-ONE"]);
    for (const rogue of [
      "https://attacker.example",
      "https://partners.dnaspaces.io.attacker.example",
      "http://partners.dnaspaces.io",
      "https://partners.dnaspaces.io:8443",
    ]) {
      await t.db.activation.update({ where: { id: a.id }, data: { baseUrl: rogue } });
      const skipped: string[] = [];
      expect(
        await findActiveActivations(t.db, key, { ...sealOnly, onSkip: (_id, why) => skipped.push(why) }),
        rogue,
      ).toEqual([]);
      expect(skipped[0]).toMatch(/does not open/);
    }
    // A path or trailing slash on the same host is the same origin: still the activation's.
    await t.db.activation.update({ where: { id: a.id }, data: { baseUrl: "https://partners.dnaspaces.io/" } });
    expect((await findActiveActivations(t.db, key, regions)).map((x) => x.apiKey)).toEqual(["KEY-ONE"]);
  });

  it("re-checks the allowlist on every read", async () => {
    const skipped: string[] = [];
    expect(
      await findActiveActivations(t.db, key, {
        refuseBaseUrl: keyTargetCheck(["https://partners.ciscospaces.eu"]),
        onSkip: (_id, why) => skipped.push(why),
      }),
    ).toEqual([]);
    expect(skipped[0]).toMatch(/not an allowed Cisco Spaces host/);
    expect(
      (
        await findActiveActivations(t.db, key, {
          ...regions,
        })
      ).length,
    ).toBe(1);
  });

  it("re-seals a key sealed before the binding, once, bound to its host", async () => {
    await t.db.activation.updateMany({ data: { status: "deactivated" } });
    await insertActivationRow(t.db, "ref-old", seal(key, "KEY-OLD", "activation:ref-old"));
    expect((await findActiveActivations(t.db, key, regions)).map((x) => x.apiKey)).toEqual(["KEY-OLD"]);
    const row = await t.db.activation.findFirstOrThrow({ where: { activationRefId: "ref-old" } });
    await t.db.activation.update({ where: { id: row.id }, data: { baseUrl: "https://attacker.example" } });
    expect(await findActiveActivations(t.db, key, sealOnly)).toEqual([]);
  });

  it("seals a plaintext key in place at start, and never hands one out as it is", async () => {
    await t.db.activation.updateMany({ data: { status: "deactivated" } });
    const row = await insertActivationRow(t.db, "ref-plain", "KEY-PLAIN");
    const skipped: string[] = [];
    expect(await findActiveActivations(t.db, key, { ...regions, onSkip: (_id, why) => skipped.push(why) })).toEqual([]);
    expect(skipped).toEqual([expect.stringMatching(/plaintext/)]);
    expect(await sealPlaintextKeys(t.db, key)).toEqual([row.id]);
    expect(await sealPlaintextKeys(t.db, key)).toEqual([]);
    const all = await t.db.activation.findMany({ select: { apiKey: true } });
    expect(all.filter((r) => r.apiKey && !r.apiKey.startsWith("enc:v1:"))).toEqual([]);
    expect(JSON.stringify(all)).not.toContain("KEY-PLAIN");
    expect((await findActiveActivations(t.db, key, regions)).map((x) => x.apiKey)).toEqual(["KEY-PLAIN"]);
  });

  it("remembers when a key was stored: a new partner key restarts the count, the same key does not", async () => {
    const tenant = await t.db.tenant.create({ data: { partnerTenantId: "P-oauth", name: "Oauth Co" } });
    const o = { tenantId: tenant.id, appId: "app", baseUrl: "https://partners.dnaspaces.io" };
    const id = await ensureOAuthActivation(t.db, { ...o, partnerKey: "PARTNER-1" }, key);
    const old = new Date("2026-01-01T00:00:00Z");
    await t.db.activation.update({ where: { id }, data: { keySetAt: old } });
    const setAt = async () => (await listActivations(t.db, tenant.id)).find((a) => a.id === id)!.keySetAt;
    await ensureOAuthActivation(t.db, { ...o, partnerKey: "PARTNER-1" }, key);
    await resealOAuthActivations(t.db, { partnerKey: "PARTNER-1", baseUrl: o.baseUrl }, key);
    expect(await setAt()).toBe(old.toISOString());
    await resealOAuthActivations(t.db, { partnerKey: "PARTNER-2", baseUrl: o.baseUrl }, key);
    expect(Date.parse(await setAt())).toBeGreaterThan(old.getTime());
  });
});
