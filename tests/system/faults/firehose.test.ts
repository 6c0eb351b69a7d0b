import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectSameAsClean, streamingRig, type Rig } from "./harness";

// The Firehose misbehaving in every way the simulator can make it, one fault after another on one
// running app. Each scenario ends with the stored minute rollups equal to one clean pass over the
// same records: nothing lost, nothing counted twice.

describe("faults: the Firehose stream", () => {
  let rig: Rig;
  const metric = async (name: string, label = "") => {
    const text = await (await fetch(`${rig.app!.ready}/metrics`)).text();
    const line = text.split("\n").find((l) => l.startsWith(name) && l.includes(label));
    return line ? Number(line.split(" ").pop()) : 0;
  };
  /** The stream is past the fault: 20 s of event time stored after `t`. */
  const recovered = (t: number) => rig.checkpointPast(t, 20_000);

  beforeAll(async () => {
    rig = await streamingRig({ seed: 11, speed: 4, people: 120 });
  });
  afterAll(() => rig?.close());

  it("re-reads lines cut mid-way on resume: none lost, none doubled", async () => {
    const t = await rig.checkpoint();
    await rig.fault({ type: "cut", afterLines: 40, times: 3 });
    await rig.app!.waitFor(
      /stream ended inside a line[\s\S]*stream ended inside a line[\s\S]*stream ended inside a line/,
      30_000,
    );
    await recovered(t);
    await expectSameAsClean(rig);
  });

  it("applies duplicated and reordered lines once each, in event order", async () => {
    const before = await metric("floorpulse_firehose_duplicates_total");
    const t = await rig.checkpoint();
    await rig.fault({ type: "duplicates", every: 7 });
    await rig.fault({ type: "reorder", window: 4 });
    await expect
      .poll(() => metric("floorpulse_firehose_duplicates_total"), { timeout: 30_000 })
      .toBeGreaterThan(before + 50);
    await rig.clearFaults();
    await recovered(t);
    await expectSameAsClean(rig);
  });

  it("skips malformed and oversized lines with a counted reason, and the stream carries on", async () => {
    const t = await rig.checkpoint();
    await rig.fault({ type: "malformed", every: 25 });
    await rig.fault({ type: "oversized", every: 300, bytes: 1_200_000 });
    await expect
      .poll(() => metric("floorpulse_firehose_skipped_total", 'reason="oversized"'), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await expect
      .poll(() => metric("floorpulse_firehose_skipped_total", 'reason="json"'), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await rig.clearFaults();
    expect(rig.app!.exited).toBe(false);
    await recovered(t);
    await expectSameAsClean(rig);
  });

  it("rides out a storm of 5xx answers (500, 502, 503, 504) with backoff and resumes where it stopped", async () => {
    const t = await rig.checkpoint();
    for (const status of [500, 502, 503, 504]) {
      await rig.clearFaults(); // one status at a time: the simulator answers with the first live fault
      await rig.fault({ type: "unavailable", status, seconds: 3 });
      await rig.app!.waitFor(new RegExp(`HTTP ${status}`), 30_000);
    }
    // Reconnecting is "degraded", never "down": the server is fine, Cisco is not.
    const health = (await (await fetch(`${rig.app!.ready}/api/health`)).json()) as {
      components: Array<{ name: string; status: string }>;
    };
    expect(health.components.find((c) => c.name === "ingest")?.status).toMatch(/^(up|degraded)$/);
    await rig.clearFaults();
    await recovered(t);
    await expectSameAsClean(rig);
  });

  it("detects a stall without keep-alives and reconnects", async () => {
    const t = await rig.checkpoint();
    await rig.fault({ type: "stall", afterLines: 5, seconds: 8, times: 1 });
    await rig.fault({ type: "cut", afterLines: 1, times: 1 }); // ends the current connection: the next one meets the stall
    await rig.app!.waitFor(/no data for 3 s/, 30_000); // the watchdog saw the silence and reconnected
    await rig.clearFaults();
    await recovered(t);
    await expectSameAsClean(rig);
  });

  it("recovers from a refused API key (401) without a restart once the key works again", async () => {
    const t = await rig.checkpoint();
    const connected = (rig.app!.output().match(/"msg":"firehose connected"/g) ?? []).length;
    await rig.fault({ type: "unauthorized" });
    await rig.app!.waitFor(/the API key was refused/, 30_000);
    // Refused for a while: more than one retry met the refusal (each is logged with its reason).
    await expect
      .poll(() => (rig.app!.output().match(/the API key was refused/g) ?? []).length, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(2);
    await rig.clearFaults();
    await expect
      .poll(() => (rig.app!.output().match(/"msg":"firehose connected"/g) ?? []).length, { timeout: 30_000 })
      .toBeGreaterThan(connected);
    await recovered(t);
    await expectSameAsClean(rig);
  });
});
