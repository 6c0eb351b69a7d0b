import { describe, expect, it } from "vitest";
import rest from "../fixtures/simulator/rest.json";
import { createApiKeys } from "@/simulator/api-keys";
import { compileMacPattern, isValidMacPattern } from "@/simulator/filters";
import { faultSpecError, parseFaultFlag } from "@/simulator/faults";
import { monitoringBodyError } from "@/simulator/monitoring";
import { Sink } from "@/simulator/sink";

describe("monitoring/status body", () => {
  it("accepts the documented body", () => {
    expect(monitoringBodyError(rest.monitoring.documentedBody)).toBeNull();
  });

  it("names what is wrong with other bodies", () => {
    const doc = rest.monitoring.documentedBody;
    /** The documented body with one field replaced (undefined removes it). */
    const variant = (path: string[], value: unknown) => {
      const copy = structuredClone(doc) as unknown as Record<string, unknown>;
      let node = copy.data as Record<string, unknown>;
      for (const k of path.slice(0, -1)) node = node[k] as Record<string, unknown>;
      if (value === undefined) delete node[path.at(-1)!];
      else node[path.at(-1)!] = value;
      return monitoringBodyError(copy);
    };
    expect(monitoringBodyError(null)).toMatch(/data/);
    expect(variant(["overallStatus"], undefined)).toMatch(/overallStatus/);
    expect(variant(["overallStatus", "status"], "UP")).toMatch(/"up" or "down"/);
    expect(variant(["overallStatus", "notices"], [{ message: "x", category: "fatal" }])).toMatch(/category/);
    expect(variant(["cloudFirehose", "status"], "online")).toMatch(/cloudFirehose/);
    expect(variant(["cloudFirehose", "lastReceived"], "yesterday")).toMatch(/lastReceived/);
    expect(variant(["subsystems"], [{ name: "Engine", status: "sleepy" }])).toMatch(/subsystem/);
    expect(variant(["localFirehose"], undefined)).toBeNull();
  });
});

describe("MAC filter patterns", () => {
  it("matches addresses and wildcards in any case and separator", () => {
    expect(compileMacPattern("AA:BB:*").test("aa:bb:cc:dd:ee:ff")).toBe(true);
    expect(compileMacPattern("aa-bb-cc-dd-ee-ff").test("aa:bb:cc:dd:ee:ff")).toBe(true);
    expect(compileMacPattern("aa:bb:cc:dd:ee:f?").test("aa:bb:cc:dd:ee:f0")).toBe(true);
    expect(compileMacPattern("aa:bb:*").test("ab:bb:cc:dd:ee:ff")).toBe(false);
    expect(isValidMacPattern("aa:bb:*")).toBe(true);
    expect(isValidMacPattern("<script>")).toBe(false);
    expect(isValidMacPattern(42)).toBe(false);
  });
});

describe("fault flags", () => {
  it("parses type:k=v pairs and refuses unknown types or bad values", () => {
    expect(parseFaultFlag("cut:afterLines=100,times=2")).toEqual({ type: "cut", afterLines: 100, times: 2 });
    expect(parseFaultFlag("unauthorized:key=abc")).toEqual({ type: "unauthorized", key: "abc" });
    expect(() => parseFaultFlag("gremlins")).toThrow(/type must be one of/);
    expect(() => parseFaultFlag("stall:seconds=-1")).toThrow(/non-negative/);
    expect(faultSpecError({ type: "unavailable", status: 200 })).toMatch(/4xx or 5xx/);
  });
});

describe("API keys", () => {
  it("verifies keys of the same seed only, and refuses tampering", () => {
    const a = createApiKeys(1);
    const key = a.mint({ kind: "single-tenant", ref: "ABC", tenants: [0] });
    expect(createApiKeys(1).verify(key)).toEqual({ kind: "single-tenant", ref: "ABC", tenants: [0] });
    expect(createApiKeys(2).verify(key)).toBeNull();
    const [body, mac] = key.split(".");
    const forged = Buffer.from(JSON.stringify({ k: "partner", r: "partner", t: [0, 1] })).toString("base64url");
    expect(a.verify(`${forged}.${mac}`)).toBeNull();
    expect(a.verify(`${body}.`)).toBeNull();
    expect(a.verify(undefined)).toBeNull();
  });
});

describe("the byte sink", () => {
  it("writes numbers as JSON.stringify does", () => {
    const s = new Sink(8);
    for (const n of [0, 7, -45, 1767607187000, 12.5, 12.05, 0.5, 199.99, 3.1, -999.25, 1e21]) {
      s.reset();
      if (Number.isInteger(n) || n < 0 || n > 1e15) s.num(n);
      else s.cents(n);
      expect(s.take().toString()).toBe(JSON.stringify(n));
    }
  });
});
