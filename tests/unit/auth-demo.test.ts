import { describe, expect, it } from "vitest";
import { isDemoRequest, isLoopbackAddress, isLoopbackHost } from "@/lib/auth/demo";

const on = { enabled: true, listensOnLoopbackOnly: true };
const local = { clientAddress: "127.0.0.1", host: "127.0.0.1:3000", origin: null, forwardedFor: null };

describe("demo mode without an account", () => {
  it("is for a visitor on this machine while the simulator runs", () => {
    expect(isDemoRequest(local, on)).toBe(true);
    expect(isDemoRequest({ ...local, forwardedFor: "127.0.0.1" }, on)).toBe(true); // what Next itself adds
    expect(isDemoRequest({ ...local, host: "localhost:3000", clientAddress: "::1" }, on)).toBe(true);
    expect(isDemoRequest({ ...local, origin: "http://127.0.0.1:3000" }, on)).toBe(true);
    expect(isDemoRequest({ ...local, clientAddress: "::ffff:127.0.0.1" }, on)).toBe(true);
  });

  it("is off when the simulator is not running or DEMO_MODE=off", () => {
    expect(isDemoRequest(local, { ...on, enabled: false })).toBe(false);
  });

  it("refuses other machines, proxied requests and other sites", () => {
    expect(isDemoRequest({ ...local, clientAddress: "192.168.1.20" }, on)).toBe(false);
    expect(isDemoRequest({ ...local, forwardedFor: "203.0.113.9" }, on)).toBe(false);
    expect(isDemoRequest({ ...local, forwardedFor: "203.0.113.9, 127.0.0.1" }, on)).toBe(false);
    // DNS rebinding: the page's own host name arrives in Host.
    expect(isDemoRequest({ ...local, host: "attacker.example:3000" }, on)).toBe(false);
    // A page on another origin opening a socket or posting to us.
    expect(isDemoRequest({ ...local, origin: "https://attacker.example" }, on)).toBe(false);
    expect(isDemoRequest({ ...local, origin: "http://127.0.0.1:4000" }, on)).toBe(false);
    expect(isDemoRequest({ ...local, origin: "null" }, on)).toBe(false);
  });

  it("without the peer address, trusts only a server that listens on loopback alone", () => {
    expect(isDemoRequest({ ...local, clientAddress: null }, on)).toBe(true);
    expect(isDemoRequest({ ...local, clientAddress: null }, { ...on, listensOnLoopbackOnly: false })).toBe(false);
  });

  it("knows loopback names and addresses", () => {
    expect(["127.0.0.1", "127.9.9.9", "::1", "::ffff:127.0.0.1"].every(isLoopbackAddress)).toBe(true);
    expect(["10.0.0.1", "", "128.0.0.1", "::2"].some(isLoopbackAddress)).toBe(false);
    expect(["localhost:3000", "127.0.0.1", "[::1]:3000", "LOCALHOST"].every(isLoopbackHost)).toBe(true);
    expect(["localhost.attacker.example", "0.0.0.0:3000", "example.com"].some(isLoopbackHost)).toBe(false);
  });
});
