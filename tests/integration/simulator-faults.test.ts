import { decodeJwt } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { until } from "../helpers/poll";
import { clockAt, json, readStream, type Rec } from "../helpers/stream-reader";
import { createSimulator, type Simulator } from "@/simulator/server";

// Every fault is switched on and off at run time, scoped to one API key, observable by a client,
// and loses nothing a client resuming with fromTimestamp cannot get back.

let sim: Simulator;
let faulty: string;
let clean: string;
const now = clockAt(10);

async function activate(): Promise<string> {
  const token = await sim.mintActivationToken();
  const c = decodeJwt(token);
  const res = await fetch(`${sim.url}/client/v1/partner/activateSingleTenantCloudApp`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ appId: c.appId, activationRefId: c.activationRefId }),
  });
  return (await json<{ data: { apiKey: string } }>(res)).data.apiKey;
}
const addFault = async (spec: Record<string, unknown>) => {
  const res = await fetch(`${sim.url}/admin/faults`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(spec),
  });
  expect(res.status).toBe(201);
  return json<{ id: string; hits: number }>(res);
};
const faultById = async (id: string) =>
  (
    await json<{ faults: Array<{ id: string; hits: number; active: boolean }> }>(await fetch(`${sim.url}/admin/faults`))
  ).faults.find((f) => f.id === id)!;
const tsOf = (line: string) => Number(/"recordTimestamp":(\d+)/.exec(line)?.[1] ?? NaN);
const isRecord = (line: string) => {
  try {
    const r = JSON.parse(line) as Rec;
    return (
      typeof r === "object" &&
      r !== null &&
      typeof r.recordUid === "string" &&
      typeof r.recordTimestamp === "number" &&
      r.eventType !== "SIMULATOR_UNKNOWN_TYPE" &&
      !r.recordUid.startsWith("event-oversized")
    );
  } catch {
    return false;
  }
};

/** Records from `from` up to `upTo`, read with a key (a replay, so they arrive at once). */
async function window(key: string, from: number, upTo: number) {
  return readStream(sim.url, key, { from, until: (l) => l.some((x) => tsOf(x) > upTo), maxMs: 15_000 });
}
const upToTs = (lines: string[], upTo: number) => lines.filter((l) => tsOf(l) <= upTo);

beforeAll(async () => {
  sim = await createSimulator({ seed: 11, now, tickMs: 500 });
  faulty = await activate();
  clean = await activate();
});
afterEach(async () => {
  await fetch(`${sim.url}/admin/faults`, { method: "DELETE" });
});
afterAll(async () => {
  await sim?.close();
});

describe("stream faults", () => {
  it("cuts a connection inside a line; the cut record and everything after it replays on resume", async () => {
    const f = await addFault({ type: "cut", key: faulty, afterLines: 40 });
    const from = now() - 20_000;
    const cut = await readStream(sim.url, faulty, { from, maxMs: 10_000 });
    expect(cut.aborted).toBe(true);
    expect(cut.lines).toHaveLength(40);
    expect(cut.tail.length).toBeGreaterThan(0);
    expect(() => JSON.parse(cut.tail)).toThrow();
    expect((await faultById(f.id)).active).toBe(false);
    const resumeFrom = tsOf(cut.lines.at(-1)!);
    const upTo = resumeFrom + 3000;
    const resumed = await window(faulty, resumeFrom, upTo);
    expect(resumed.aborted).toBe(false);
    expect(resumed.lines.some((l) => l.startsWith(cut.tail))).toBe(true);
    const got = new Set([...cut.lines, ...resumed.lines].filter((l) => tsOf(l) <= upTo));
    const expected = upToTs((await window(clean, from, upTo)).lines, upTo);
    expect([...got].sort()).toEqual([...new Set(expected)].sort());
  });

  it("stalls: no bytes at all, not even KEEP_ALIVE, then carries on with nothing lost", async () => {
    await addFault({ type: "stall", key: faulty, afterLines: 25, seconds: 3 });
    const from = now() - 20_000;
    const early = await readStream(sim.url, faulty, { from, maxMs: 1500 });
    expect(early.lines).toHaveLength(25);
    expect(early.tail).toBe("");
    await fetch(`${sim.url}/admin/faults`, { method: "DELETE" });
    await addFault({ type: "stall", key: faulty, afterLines: 25, seconds: 1 });
    const upTo = from + 10_000;
    const whole = await window(faulty, from, upTo);
    expect(upToTs(whole.lines, upTo)).toEqual(upToTs((await window(clean, from, upTo)).lines, upTo));
  });

  it("sends duplicates, and the deduplicated stream equals the clean one", async () => {
    const f = await addFault({ type: "duplicates", key: faulty, every: 5 });
    const from = now() - 20_000;
    const upTo = from + 5000;
    const dup = upToTs((await window(faulty, from, upTo)).lines, upTo);
    const ok = upToTs((await window(clean, from, upTo)).lines, upTo);
    expect(dup.length).toBeGreaterThan(ok.length);
    expect([...new Set(dup)]).toEqual(ok);
    expect((await faultById(f.id)).hits).toBeGreaterThan(0);
  });

  it("reorders lines within small groups, and keeps every record", async () => {
    await addFault({ type: "reorder", key: faulty, window: 4 });
    const from = now() - 20_000;
    const upTo = from + 5000;
    const shuffled = upToTs((await window(faulty, from, upTo)).lines, upTo);
    const ok = upToTs((await window(clean, from, upTo)).lines, upTo);
    expect(shuffled).not.toEqual(ok);
    expect([...shuffled].sort()).toEqual([...ok].sort());
    const ts = shuffled.map(tsOf);
    expect(ts.some((t, i) => i > 0 && t < ts[i - 1]!)).toBe(true);
  });

  it("adds malformed lines (bad JSON, not a record, unknown type) between intact records", async () => {
    await addFault({ type: "malformed", key: faulty, every: 10 });
    const from = now() - 20_000;
    const upTo = from + 5000;
    const lines = (await window(faulty, from, upTo)).lines;
    const bad = lines.filter((l) => !isRecord(l));
    expect(bad.length).toBeGreaterThan(3);
    expect(bad.some((l) => l.includes("SIMULATOR_UNKNOWN_TYPE"))).toBe(true);
    expect(upToTs(lines.filter(isRecord), upTo)).toEqual(upToTs((await window(clean, from, upTo)).lines, upTo));
  });

  it("adds an oversized line of the size asked for", async () => {
    await addFault({ type: "oversized", key: faulty, every: 30, bytes: 2 * 1024 * 1024 });
    const from = now() - 20_000;
    const upTo = from + 3000;
    const lines = (await window(faulty, from, upTo)).lines;
    const big = lines.filter((l) => l.length >= 2 * 1024 * 1024);
    expect(big.length).toBeGreaterThan(0);
    expect(upToTs(lines.filter(isRecord), upTo)).toEqual(upToTs((await window(clean, from, upTo)).lines, upTo));
  });

  it("drips slowly, splitting lines across chunks", async () => {
    await addFault({ type: "slow", key: faulty, bytesPerSecond: 3000 });
    const read = await readStream(sim.url, faulty, { from: now() - 20_000, maxMs: 2000 });
    const bytes = read.lines.reduce((s, l) => s + l.length + 1, 0) + read.tail.length;
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(3000 * 4);
    const fast = await readStream(sim.url, clean, { from: now() - 20_000, maxMs: 2000 });
    expect(fast.lines.length).toBeGreaterThan(read.lines.length * 5);
  });

  it("touches only the key it is scoped to", async () => {
    await addFault({ type: "duplicates", key: faulty, every: 1 });
    const from = now() - 10_000;
    const upTo = from + 2000;
    const ok = upToTs((await window(clean, from, upTo)).lines, upTo);
    expect(new Set(ok).size).toBe(ok.length);
  });
});

describe("request faults", () => {
  it("answers 401 for one key while the fault lasts, and ends its open streams", async () => {
    let opened!: () => void;
    const isOpen = new Promise<void>((r) => (opened = r));
    const open = readStream(sim.url, faulty, { maxMs: 10_000, onOpen: () => opened() });
    await isOpen; // the stream the fault must end is open
    const f = await addFault({ type: "unauthorized", key: faulty });
    expect((await open).ended).toBe(true);
    expect((await readStream(sim.url, faulty, { maxMs: 1000 })).status).toBe(401);
    expect((await readStream(sim.url, clean, { maxMs: 1000 })).status).toBe(200);
    await fetch(`${sim.url}/admin/faults/${f.id}`, { method: "DELETE" });
    expect((await readStream(sim.url, faulty, { maxMs: 1000 })).status).toBe(200);
  });

  it("answers 5xx to every partner API call for N seconds, then recovers by itself", async () => {
    await addFault({ type: "unavailable", seconds: 1, status: 502 });
    const during = await fetch(`${sim.url}/api/partners/v1/firehose/health`, { headers: { "X-API-KEY": clean } });
    expect(during.status).toBe(502);
    expect((await readStream(sim.url, clean, { maxMs: 1000 })).status).toBe(502);
    await until(
      "the 5xx fault to end",
      () =>
        fetch(`${sim.url}/api/partners/v1/firehose/health`, { headers: { "X-API-KEY": clean } }).then((r) => r.status),
      (st) => st === 200,
      5_000,
      100,
    );
  });

  it("rejects a fault it does not know", async () => {
    const res = await fetch(`${sim.url}/admin/faults`, { method: "POST", body: JSON.stringify({ type: "gremlins" }) });
    expect(res.status).toBe(400);
  });
});
