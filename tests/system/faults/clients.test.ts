import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevicePoint } from "@/lib/occupancy/types";
import type { FloorDeltaMessage, FloorSnapshot, LocationSnapshot, WatchError } from "@/lib/realtime/protocol";
import { connectSocket, type TestSocket } from "../../helpers/socket";
import { createRig, until, type Rig } from "./harness";

// Browsers misbehaving: hundreds of sockets arriving and leaving at once, and one that stops
// reading its TCP socket. The server must stay up, release what they held, keep everyone else's
// deltas flowing, and never queue without bound for the one that does not read.

const MAX_BUFFERED = 256 * 1024;

/** A watcher of one floor that keeps the device list the way the browser does: snapshot, then numbered deltas. */
function floorWatcher(s: TestSocket, floorId: string) {
  const w = { seq: -1, devices: new Map<number, DevicePoint>(), gaps: 0, deltas: 0, bytes: 0, pushedSnapshots: 0, gapsAfterPush: 0 };
  const apply = (snap: FloorSnapshot) => {
    w.seq = snap.seq;
    w.devices = new Map(snap.devices.map((p) => [p[0], p]));
  };
  s.on("floor:delta", (d: FloorDeltaMessage) => {
    if (d.floorId !== floorId || w.seq < 0) return;
    w.deltas++;
    w.bytes += JSON.stringify(d).length;
    if (d.seq <= w.seq) return; // already covered by a snapshot
    if (d.seq !== w.seq + 1) {
      w.gaps++;
      if (w.pushedSnapshots) w.gapsAfterPush++;
      return void watch();
    }
    w.seq = d.seq;
    for (const a of d.removed) w.devices.delete(a);
    for (const p of d.moved) w.devices.set(p[0], p);
  });
  s.on("floor:snapshot", (snap) => {
    if (snap.floorId !== floorId) return;
    w.pushedSnapshots++;
    apply(snap);
  });
  const watch = () =>
    new Promise<void>((resolve, reject) =>
      s.emit("floor:watch", floorId, (snap: FloorSnapshot | WatchError) => ("error" in snap ? reject(new Error(snap.error)) : (apply(snap), resolve()))),
    );
  return { w, watch };
}

const watchAll = (s: TestSocket) =>
  new Promise<LocationSnapshot>((resolve, reject) => s.emit("location:watch", null, (snap) => ("error" in snap ? reject(new Error(snap.error)) : resolve(snap))));

/** Resident memory (kB) and open file descriptors of a process, from /proc. */
const procStats = (pid: number) => ({
  rssKb: Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0),
  fds: readdirSync(`/proc/${pid}/fd`).length,
});

describe("faults: browser clients", () => {
  let rig: Rig;
  let floorId: string;
  let url: string;
  const metric = async (name: string) => {
    const text = await (await fetch(`${url}/metrics`)).text();
    const line = text.split("\n").find((l) => l.startsWith(`${name} `));
    return line ? Number(line.split(" ").pop()) : 0;
  };
  const clients = async () => ((await (await fetch(`${url}/api/health`)).json()) as { components: Array<{ component: string; detail: string }> }).components.find((c) => c.component === "realtime")!.detail;

  beforeAll(async () => {
    // A busy building at 60x, so deltas are large and frequent enough to fill a socket that does not read.
    rig = await createRig({ seed: 21, speed: 60, people: 300 }, { REALTIME_MAX_BUFFERED_BYTES: String(MAX_BUFFERED) });
    await rig.start();
    url = rig.app!.ready;
    const s = await connectSocket(url);
    const snap = await until("floors with devices", () => watchAll(s), (v) => v.locations.some((l) => l.type === "FLOOR" && (v.counts[l.id]?.count ?? 0) > 20));
    floorId = snap.locations.filter((l) => l.type === "FLOOR").sort((a, b) => (snap.counts[b.id]?.count ?? 0) - (snap.counts[a.id]?.count ?? 0))[0]!.id;
    s.disconnect();
  });
  afterAll(() => rig?.close());

  it("survives 500 sockets connecting and disconnecting in storms: handles are released and the clients left keep getting every delta", async () => {
    const steady = await Promise.all([0, 1, 2].map(() => connectSocket(url)));
    const watchers = steady.map((s) => floorWatcher(s, floorId));
    await Promise.all(watchers.map((x) => x.watch()));
    await until("steady clients counted", clients, (d) => d === "3 connected clients");
    const before = procStats(rig.app!.pid);

    for (let storm = 0; storm < 3; storm++) {
      const crowd: TestSocket[] = [];
      for (let batch = 0; batch < 5; batch++) {
        crowd.push(
          ...(await Promise.all(
            Array.from({ length: 100 }, async () => {
              const s = await connectSocket(url);
              await Promise.all([watchAll(s), new Promise((r) => s.emit("floor:watch", floorId, r))]);
              return s;
            }),
          )),
        );
      }
      await until("storm counted", clients, (d) => d === "503 connected clients");
      for (const s of crowd) s.disconnect();
      await until("storm gone", clients, (d) => d === "3 connected clients");
    }

    // Handles return to where they were (a few for keep-alive HTTP connections of this test's own fetches).
    const fdsAfter = await until("descriptors released", () => procStats(rig.app!.pid).fds, (n) => n <= before.fds + 5);
    expect(fdsAfter).toBeLessThanOrEqual(before.fds + 5);
    expect(procStats(rig.app!.pid).rssKb - before.rssKb).toBeLessThan(200 * 1024);
    // Everyone who stayed still gets deltas, in order, without a gap.
    const seen = watchers.map((x) => x.w.deltas);
    await until("deltas after the storms", () => watchers.map((x) => x.w.deltas), (d) => d.every((n, i) => n >= seen[i]! + 20));
    expect(watchers.map((x) => x.w.gaps)).toEqual([0, 0, 0]);
    expect(rig.app!.exited).toBe(false);
    for (const s of steady) s.disconnect();
  }, 240_000);

  it("drops deltas for a socket that stops reading instead of buffering them, and sends it a correct snapshot once it reads again", async () => {
    const control = await connectSocket(url);
    const slow = await connectSocket(url);
    const c = floorWatcher(control, floorId);
    const sl = floorWatcher(slow, floorId);
    await Promise.all([c.watch(), sl.watch(), watchAll(control), watchAll(slow)]);
    const lagsBefore = await metric("floorpulse_realtime_slow_clients_total");

    // The slow client's TCP socket stops reading: the kernel's buffers fill, then the server's.
    const tcp = (slow.io.engine.transport as unknown as { ws: { _socket: { pause(): void; resume(): void } } }).ws._socket;
    tcp.pause();
    let peak = 0;
    const sample = async () => (peak = Math.max(peak, await metric("floorpulse_realtime_socket_buffer_max_bytes")));
    await until("the server notices the socket is not reading", async () => (await sample(), console.log("DBG", c.w.bytes, peak, sl.w.deltas), metric("floorpulse_realtime_slow_clients_total")), (n) => n > lagsBefore, 40_000, 1000);
    // Keep it stalled while another megabyte of deltas goes to the reading client.
    const bytesAtLag = c.w.bytes;
    await until("a megabyte more of deltas", async () => (await sample(), c.w.bytes), (b) => b > bytesAtLag + 1024 * 1024, 30_000, 200);
    expect(peak).toBeGreaterThan(0);
    // Bounded: the limit plus what one check interval can add, never the megabyte sent meanwhile.
    expect(peak).toBeLessThan(MAX_BUFFERED * 2);

    tcp.resume();
    await until("a pushed snapshot", () => sl.w.pushedSnapshots, (n) => n > 0, 30_000);
    expect(await metric("floorpulse_realtime_resyncs_total")).toBeGreaterThan(0);

    // At the same sequence number both views must be identical (checked in the same tick: no delta lands in between).
    await until("both at the same delta", () => [c.w.seq, sl.w.seq], ([a, b]) => a === b && a > 0, 30_000, 5);
    expect(sl.w.gapsAfterPush).toBe(0);
    expect([...sl.w.devices.entries()].sort((a, b) => a[0] - b[0])).toEqual([...c.w.devices.entries()].sort((a, b) => a[0] - b[0]));
    expect(sl.w.devices.size).toBeGreaterThan(0);
    control.disconnect();
    slow.disconnect();
  }, 120_000);
});
