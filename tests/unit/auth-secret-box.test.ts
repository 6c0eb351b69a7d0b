import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { keyFilePath, legacyKeyFilePath, resolveDataKey } from "@/lib/crypto/data-key";
import { isSealed, openSealed, seal } from "@/lib/crypto/secret-box";

describe("API keys at rest (AES-256-GCM)", () => {
  const key = randomBytes(32);

  it("seals a key so the stored text does not contain it, and opens it again", () => {
    const sealed = seal(key, "api-key-123456", "activation:A");
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain("api-key-123456");
    expect(openSealed(key, sealed, "activation:A")).toBe("api-key-123456");
    expect(seal(key, "api-key-123456", "activation:A")).not.toBe(sealed); // a fresh IV each time
  });

  it("refuses another key, another activation's context and an altered value", () => {
    const sealed = seal(key, "api-key-123456", "activation:A");
    expect(() => openSealed(randomBytes(32), sealed, "activation:A")).toThrow();
    expect(() => openSealed(key, sealed, "activation:B")).toThrow();
    const raw = Buffer.from(sealed.slice("enc:v1:".length), "base64url");
    raw[raw.length - 1]! ^= 1;
    expect(() => openSealed(key, `enc:v1:${raw.toString("base64url")}`, "activation:A")).toThrow();
  });

  describe("the data key", () => {
    const dir = mkdtempSync(join(tmpdir(), "floorpulse-key-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("comes from DATA_KEY when set", () => {
      const k = randomBytes(32);
      expect(
        resolveDataKey({ DATA_KEY: k.toString("base64"), DATABASE_URL: `file:${join(dir, "x.db")}` }).equals(k),
      ).toBe(true);
    });

    it("is otherwise generated once into an owner-only file in an owner-only folder apart from the database", () => {
      const url = `file:${join(dir, "db", "floorpulse.db")}`;
      const c = { DATABASE_URL: url, XDG_CONFIG_HOME: join(dir, "config") };
      const first = resolveDataKey(c);
      const path = keyFilePath(c);
      expect(path).toBe(join(dir, "config", "floorpulse", "data.key"));
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
      expect(Buffer.from(readFileSync(path, "utf8").trim(), "base64").equals(first)).toBe(true);
      expect(resolveDataKey(c).equals(first)).toBe(true);
    });

    it("is taken from DATA_KEY_FILE when set, and refused in the database's folder", () => {
      const path = join(dir, "elsewhere", "k");
      const k = resolveDataKey({ DATABASE_URL: `file:${join(dir, "db2", "x.db")}`, DATA_KEY_FILE: path });
      expect(Buffer.from(readFileSync(path, "utf8").trim(), "base64").equals(k)).toBe(true);
      expect(() =>
        resolveDataKey({ DATABASE_URL: `file:${join(dir, "db3", "x.db")}`, DATA_KEY_FILE: join(dir, "db3", "k") }),
      ).toThrow(/database's folder/);
    });

    it("moves a key file an earlier version left beside the database, saying so once", () => {
      const old = randomBytes(32);
      const url = `file:${join(dir, "db4", "floorpulse.db")}`;
      mkdirSync(join(dir, "db4"));
      writeFileSync(legacyKeyFilePath(url), old.toString("base64") + "\n", { mode: 0o600 });
      const warned: unknown[] = [];
      const c = { DATABASE_URL: url, DATA_KEY_FILE: join(dir, "moved", "data.key") };
      expect(resolveDataKey(c, { warn: (o: unknown) => warned.push(o) }).equals(old)).toBe(true);
      expect(existsSync(legacyKeyFilePath(url))).toBe(false);
      expect(Buffer.from(readFileSync(c.DATA_KEY_FILE, "utf8").trim(), "base64").equals(old)).toBe(true);
      expect(warned).toHaveLength(1);
    });

    it("refuses to choose between two different key files", () => {
      const url = `file:${join(dir, "db5", "floorpulse.db")}`;
      mkdirSync(join(dir, "db5"));
      writeFileSync(legacyKeyFilePath(url), randomBytes(32).toString("base64"), { mode: 0o600 });
      const c = { DATABASE_URL: url, DATA_KEY_FILE: join(dir, "two", "data.key") };
      mkdirSync(join(dir, "two"));
      writeFileSync(c.DATA_KEY_FILE, randomBytes(32).toString("base64"), { mode: 0o600 });
      expect(() => resolveDataKey(c)).toThrow(/two different data keys/);
      expect(existsSync(legacyKeyFilePath(url))).toBe(true);
    });
  });
});
