import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { keyFilePath, resolveDataKey } from "@/lib/crypto/data-key";
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

    it("is otherwise generated once into an owner-only file beside the database", () => {
      const url = `file:${join(dir, "sub", "floorpulse.db")}`;
      const first = resolveDataKey({ DATABASE_URL: url });
      const path = keyFilePath(url);
      expect(path).toBe(join(dir, "sub", "floorpulse.key"));
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(Buffer.from(readFileSync(path, "utf8").trim(), "base64").equals(first)).toBe(true);
      expect(resolveDataKey({ DATABASE_URL: url }).equals(first)).toBe(true);
    });
  });
});
