import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";

describe("passwords", () => {
  it("are stored as salted scrypt hashes that verify only the right password", async () => {
    const hash = await hashPassword("correct horse battery");
    // OWASP's current scrypt guidance: N=2^15, r=8, p=3 (or stronger).
    expect(hash).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(hash).not.toContain("correct horse");
    expect(await hashPassword("correct horse battery")).not.toBe(hash);
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
  });

  it("still verifies a hash made with the older, lighter parameters", async () => {
    const { scryptSync } = await import("node:crypto");
    const salt = Buffer.alloc(16, 1);
    const old = `scrypt$16384$8$1$${salt.toString("base64url")}$${scryptSync("old password 1", salt, 32, { N: 16384, r: 8, p: 1 }).toString("base64url")}`;
    expect(await verifyPassword("old password 1", old)).toBe(true);
    expect(await verifyPassword("old password 2", old)).toBe(false);
  });

  it("a user without a password (app tile only) can never sign in with one", async () => {
    expect(await verifyPassword("anything", null)).toBe(false);
    expect(await verifyPassword("", undefined)).toBe(false);
    expect(await verifyPassword("x", "garbage")).toBe(false);
  });
});
