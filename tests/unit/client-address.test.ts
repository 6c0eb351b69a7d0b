import { describe, expect, it } from "vitest";
import { addressKey, clientAddress, trustedForwardedAddress } from "@/lib/http/client-address";
import { createDemoState } from "@/lib/auth/demo-state";
import { hasProxyHeaders } from "@/lib/http/proxy-headers";
import { HERE_TTL_MS, issueHereToken, verifyHereToken } from "@/lib/auth/here-links";

const h = (m: Record<string, string>) => ({ get: (n: string) => m[n.toLowerCase()] ?? null });

describe("the client's address", () => {
  it("is the entry the outermost trusted proxy appended, never one the client wrote", () => {
    expect(trustedForwardedAddress("198.51.100.1, 10.0.0.5", 1)).toBe("10.0.0.5");
    expect(trustedForwardedAddress("198.51.100.1, 10.0.0.5, 10.0.0.9", 2)).toBe("10.0.0.5");
    expect(trustedForwardedAddress("10.0.0.5", 2)).toBe("10.0.0.5");
    expect(trustedForwardedAddress("198.51.100.1, 10.0.0.5", 0)).toBeNull();
    expect(trustedForwardedAddress(" , ", 1)).toBeNull();
  });
  it("falls back to the TCP peer, and refuses what is no address", () => {
    expect(clientAddress(h({ "x-floorpulse-client-ip": "::ffff:10.1.2.3" }), 0)).toBe("10.1.2.3");
    expect(clientAddress(h({ "x-floorpulse-client-ip": "10.1.2.3", "x-forwarded-for": "evil" }), 1)).toBeNull();
    expect(clientAddress(h({ "x-floorpulse-client-ip": "10.1.2.3", "x-forwarded-for": "2001:db8::1" }), 0)).toBe(
      "10.1.2.3",
    );
  });
  it("groups IPv6 by /64 for rate limits, however the address is spelled", () => {
    expect(addressKey("2001:db8:1:2::1")).toBe(addressKey("2001:0db8:0001:0002:ffff:eeee:dddd:cccc"));
    expect(addressKey("2001:db8:1:2::1")).not.toBe(addressKey("2001:db8:1:3::1"));
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("10.0.0.1")).toBe("10.0.0.1");
    expect(addressKey(null)).toBe("unknown");
  });
});

describe("demo mode", () => {
  it("sees a proxy in any of its headers, but not in what Next adds from the socket", () => {
    expect(
      hasProxyHeaders(
        h({
          host: "localhost:3000",
          "x-forwarded-for": "127.0.0.1",
          "x-forwarded-host": "localhost:3000",
          "x-forwarded-proto": "http",
        }).get,
      ),
    ).toBe(false);
    for (const extra of <Array<Record<string, string>>>[
      { forwarded: "for=1.2.3.4" },
      { "x-real-ip": "127.0.0.1" },
      { via: "1.1 p" },
      { "x-forwarded-host": "example.com" },
      { "x-forwarded-proto": "https" },
    ]) {
      expect(hasProxyHeaders(h({ host: "localhost:3000", ...extra }).get), JSON.stringify(extra)).toBe(true);
    }
  });
  it("ends once a real activation exists and stays ended", async () => {
    let real = false;
    let t = 0;
    const s = createDemoState({ enabled: true, realActivationExists: async () => real, now: () => t, recheckMs: 1000 });
    expect(await s.isOn()).toBe(true);
    real = true;
    expect(await s.isOn()).toBe(true); // within the recheck interval
    t = 1000;
    expect(await s.isOn()).toBe(false);
    real = false;
    t = 5000;
    expect(await s.isOn()).toBe(false);
    expect(await createDemoState({ enabled: false, realActivationExists: async () => false }).isOn()).toBe(false);
  });
});

describe("You are here tokens", () => {
  const key = Buffer.alloc(32, 7);
  it("name their kiosk link until they expire", () => {
    const { token, expiresAt } = issueHereToken(key, "kiosk1", 1_000_000);
    expect(expiresAt).toBe(1_000_000 + HERE_TTL_MS);
    expect(verifyHereToken(key, token, 1_000_000)).toEqual({ kioskId: "kiosk1" });
    expect(verifyHereToken(key, token, expiresAt)).toBe("expired");
    expect(verifyHereToken(Buffer.alloc(32, 8), token, 1_000_000)).toBeNull();
    expect(verifyHereToken(key, token.replace("kiosk1", "kiosk2"), 1_000_000)).toBeNull();
    expect(verifyHereToken(key, "fpk_" + token.slice(4), 1_000_000)).toBeNull();
  });
});

describe("account lockout", () => {
  it("refuses an account after its failures within the window, whatever the addresses, until they slide out of the window", async () => {
    const { createLockout } = await import("@/lib/http/rate-limit");
    const { createMemoryLimitStore } = await import("@/lib/http/limit-store");
    let t = 0;
    const l = createLockout({ store: createMemoryLimitStore(() => t), maxFailures: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) {
      expect(await l.lockedForSec("a")).toBe(0);
      await l.failed("a");
    }
    // Three failures just now: locked until a fourth would fit, as they slide out of the next window.
    expect(await l.lockedForSec("a")).toBe(80);
    expect(await l.lockedForSec("b")).toBe(0);
    t = 59_000;
    expect(await l.lockedForSec("a")).toBe(21);
    t = 79_000;
    expect(await l.lockedForSec("a")).toBe(1);
    t = 80_000;
    expect(await l.lockedForSec("a")).toBe(0);
    await l.failed("a");
    expect(await l.lockedForSec("a")).toBeGreaterThan(0);
    await l.succeeded("a");
    expect(await l.lockedForSec("a")).toBe(0);
  });
});
