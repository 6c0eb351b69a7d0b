import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveDataKey } from "@/lib/crypto/data-key";
import { seal } from "@/lib/crypto/secret-box";
import { findActiveActivations, saveActivation } from "@/lib/store/activations";
import { ROOT } from "../helpers/app-server";
import { createTempSqliteDatabase, type TempSqliteDatabase } from "../helpers/sqlite";
import { insertActivationRow } from "../helpers/seed";

// An operator rotates the data key (npm run rotate-data-key): every stored API key is sealed with the
// new key in one go, and the install keeps working with the new key only. A key that does not open
// with the current one stops the rotation before anything is written.

const rotate = (env: Record<string, string>) => {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/rotate-data-key.ts", "rotate"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const keyOf = (file: string) => Buffer.from(readFileSync(file, "utf8").trim(), "base64");

describe("data key rotation", () => {
  let t: TempSqliteDatabase;
  let env: Record<string, string>;
  let file: string;
  const anyHost = { refuseBaseUrl: () => null };
  let live: Buffer; // the key the stored keys are sealed with now
  const base = { kind: "single-tenant" as const, appId: "app", tenantName: "Acme" };

  beforeAll(async () => {
    t = await createTempSqliteDatabase();
    file = join(t.dir, "..", `${t.dir.split("/").pop()}-key`, "data.key");
    env = { DATABASE_URL: t.url, DATA_KEY_FILE: file, DATA_KEY: "" };
    const key = resolveDataKey({ DATABASE_URL: t.url, DATA_KEY_FILE: file });
    for (const [i, baseUrl] of ["https://partners.dnaspaces.io", "https://partners.ciscospaces.eu"].entries())
      await saveActivation(
        t.db,
        { ...base, activationRefId: `ref-${i}`, partnerTenantId: `P-${i}`, baseUrl, apiKey: `KEY-${i}` },
        key,
      );
  });
  afterAll(async () => {
    await t?.drop();
    if (file) rmSync(dirname(file), { recursive: true, force: true });
  });

  it("re-seals every key with a new key file, and the old key opens none of them", async () => {
    const before = keyOf(file);
    const r = rotate(env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Re-sealed 2 API keys/);
    const after = keyOf(file);
    expect(after.equals(before)).toBe(false);
    expect(existsSync(`${file}.next`)).toBe(false);
    expect((await findActiveActivations(t.db, after, anyHost)).map((a) => a.apiKey).sort()).toEqual(["KEY-0", "KEY-1"]);
    expect(await findActiveActivations(t.db, before, anyHost)).toEqual([]);
  });

  it("moves a DATA_KEY install to NEW_DATA_KEY", async () => {
    const current = keyOf(file);
    const next = randomBytes(32).toString("base64");
    live = Buffer.from(next, "base64");
    const r = rotate({ ...env, DATA_KEY: current.toString("base64"), NEW_DATA_KEY: next });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain(next); // given by the operator: not echoed to a terminal log
    expect(
      (await findActiveActivations(t.db, Buffer.from(next, "base64"), anyHost)).map((a) => a.apiKey).sort(),
    ).toEqual(["KEY-0", "KEY-1"]);
    // The file is not the key any more (DATA_KEY was): it was left alone.
    expect(keyOf(file).equals(current)).toBe(true);
  });

  it("changes nothing when a stored key does not open with the current key", async () => {
    await insertActivationRow(
      t.db,
      "ref-foreign",
      seal(randomBytes(32), "FOREIGN", "activation:ref-foreign|https://partners.dnaspaces.io"),
    );
    const snapshot = await t.db.activation.findMany({ select: { id: true, apiKey: true }, orderBy: { id: "asc" } });
    const r = rotate({ ...env, DATA_KEY: live.toString("base64") });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Nothing changed: the API keys of activations \S+ do not open/);
    expect(await t.db.activation.findMany({ select: { id: true, apiKey: true }, orderBy: { id: "asc" } })).toEqual(
      snapshot,
    );
  });
});
