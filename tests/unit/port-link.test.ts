import { MessageChannel } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "@/lib/log";
import { createHub, localView, locationRoom } from "@/lib/realtime/hub";
import { connectIngestPort, portEmitter, serveIngestPort } from "@/lib/realtime/port-link";
import type { LocationDelta } from "@/lib/realtime/protocol";
import { loc } from "../helpers/locations";

// The two halves of ROLE=all's thread split over a real MessageChannel (both ends on this thread: the
// port copies every message as it would between threads).

const occ = (count: number) => ({ count, source: "wifi_devices" as const, rollup: false, mixed: false, at: 1 });
const log = createLogger("silent");

describe("the ingest thread's port", () => {
  const channels: MessageChannel[] = [];
  afterEach(() => channels.splice(0).forEach((c) => (c.port1.close(), c.port2.close())));

  function link(opts: { answer?: boolean } = {}) {
    const ch = new MessageChannel();
    channels.push(ch);
    const hub = createHub(portEmitter(ch.port2));
    hub.publish("t1", { locations: [loc("b", "BUILDING", null), loc("f1", "FLOOR", "b")], counts: { f1: occ(2) } });
    hub.flush();
    const applied: string[] = [];
    if (opts.answer !== false)
      serveIngestPort(
        ch.port2,
        {
          queries: {
            ...localView(hub),
            updateLocation: (id) => (applied.push(id), true),
            locate: () => ({ floorId: "f1", alias: 1, x: 3, y: 4, locationId: "f1" }),
            metrics: async () => [],
          },
          sync: () => applied.push("sync"),
          go: () => {},
          realtime: () => {},
          close: () => {},
        },
        log,
      );
    const received: Array<[string, LocationDelta]> = [];
    let commits = 0;
    const web = connectIngestPort(ch.port1, {
      deltas: { location: (r, d) => received.push([r, d]), floor: () => {}, commit: () => commits++ },
      phase: () => {},
      fatal: () => {},
      closed: () => {},
    });
    return { hub, web, received, applied, commits: () => commits };
  }

  it("delivers a flush's deltas as one commit, coalesced as the hub coalesced them", async () => {
    const { hub, received, commits } = link();
    await expect.poll(() => received.length).toBeGreaterThan(0);
    received.length = 0;
    const before = commits();
    hub.publish("t1", { counts: { f1: occ(3) } });
    hub.publish("t1", { counts: { f1: occ(4) } });
    hub.flush();
    await expect.poll(() => commits()).toBe(before + 1);
    const tenantRoom = received.filter(([room]) => room === locationRoom("t1", null)).map(([, d]) => d);
    expect(tenantRoom).toHaveLength(1); // coalesced on the ingest side
    expect(tenantRoom[0]!.counts.f1!.count).toBe(4);
  });

  it("answers snapshots, lineage, positions and changes from the ingest side's hub", async () => {
    const { web, applied } = link();
    const snap = await web.queries.locationSnapshot("t1", null);
    expect(snap!.counts.f1!.count).toBe(2);
    expect(await web.queries.lineage("f1")).toEqual({ tenantId: "t1", ancestors: ["f1", "b"] });
    expect(await web.queries.locate("t1", "dev")).toMatchObject({ floorId: "f1", x: 3 });
    expect(await web.queries.updateLocation("f1", { capacity: 10 })).toBe(true);
    web.sync();
    await expect.poll(() => applied).toEqual(["f1", "sync"]);
  });

  it("fails open questions at once when the thread is gone, instead of hanging a request", async () => {
    const { web } = link({ answer: false });
    const asked = web.queries.locationSnapshot("t1", null);
    web.abandon("the ingest thread stopped");
    await expect(asked).rejects.toThrow(/ingest thread stopped/);
  });
});
