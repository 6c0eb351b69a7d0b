import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevicePoint } from "@/lib/occupancy/types";
import type { FloorDeltaMessage, FloorSnapshot, LocationSnapshot, WatchError } from "@/lib/realtime/protocol";
import { connectSocket, type TestSocket } from "../../helpers/socket";
import { createRig, until, type Rig } from "./harness";

// Browsers misbehaving: hundreds of sockets arriving and leaving at once, and one that stops
// reading its TCP socket. The server must stay up, release what they held, keep everyone else's
// deltas flowing, and never queue without bound for the one that does not read.

const MAX_BUFFERED = 64 * 1024;

/** A watcher of one floor that keeps the device list the way the browser does: snapshot, then numbered deltas. */
function floorWatcher(s: TestSocket, floorId: string) {
  const w = {
    seq: -1,
    devices: new Map<number, DevicePoint>(),
    gaps: 0,
    deltas: 0,
    bytes: 0,
    pushedSnapshots: 0,
    gapsAfterPush: 0,
  };
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
      s.emit("floor:watch", floorId, (snap: FloorSnapshot | WatchError) =>
        "error" in snap ? reject(new Error(snap.error)) : (apply(snap), resolve()),
      ),
    );
  return { w, watch };
}

const watchAll = (s: TestSocket) =>
  new Promise<LocationSnapshot>((resolve, reject) =>
    s.emit("location:watch", null, (snap) => ("error" in snap ? reject(new Error(snap.error)) : resolve(snap))),
  );

/** Resident memory (kB) and open file descriptors of a process, from /proc. */
const procStats = (pid: number) => ({
  rssKb: Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0),
  fds: readdirSync(`/proc/${pid}/fd`).length,
});

describe("faults: browser clients", () => {
  let rig: Rig;
  let floorId: string;
  let otherFloors: string[];
  let url: string;
  const metric = async (name: string) => {
    const text = await (await fetch(`${url}/metrics`)).text();
    const line = text.split("\n").find((l) => l.startsWith(`${name} `));
    return line ? Number(line.split(" ").pop()) : 0;
  };
  const clients = () => metric("floorpulse_realtime_clients");

  beforeAll(async () => {
    // A busy building at 20x, so deltas are large and frequent enough to fill the kernel's buffers
    // (about 4 MB on loopback) and then the server's for a socket that does not read.
    rig = await createRig(
      { seed: 21, speed: 20, people: 1000 },
      {
        REALTIME_MAX_BUFFERED_BYTES: String(MAX_BUFFERED),
        // The storms' 500 sockets all come from this machine; the per-address limit has its own test (attacks/rate-limits).
        RATE_LIMIT_SOCKET_CONNECTS_PER_MINUTE: "100000",
      },
    );
    await rig.start();
    url = rig.app!.ready;
    const s = await connectSocket(url);
    const snap = await until(
      "floors with devices",
      () => watchAll(s),
      (v) => v.locations.some((l) => l.type === "FLOOR" && (v.counts[l.id]?.count ?? 0) > 20),
    );
    [floorId, ...otherFloors] = snap.locations
      .filter((l) => l.type === "FLOOR")
      .sort((a, b) => (snap.counts[b.id]?.count ?? 0) - (snap.counts[a.id]?.count ?? 0))
      .map((l) => l.id) as [string, ...string[]];
    s.disconnect();
  });
  afterAll(() => rig?.close());

  it("survives 500 sockets connecting and disconnecting in storms: handles are released and the clients left keep getting every delta", async () => {
    const steady = await Promise.all([0, 1, 2].map(() => connectSocket(url)));
    const watchers = steady.map((s) => floorWatcher(s, floorId));
    await Promise.all(watchers.map((x) => x.watch()));
    await until("steady clients counted", clients, (n) => n === 3);
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
      await until("storm counted", clients, (n) => n === 503);
      for (const s of crowd) s.disconnect();
      await until("storm gone", clients, (n) => n === 3);
    }

    // Handles return to where they were (a few for keep-alive HTTP connections of this test's own fetches).
    const fdsAfter = await until(
      "descriptors released",
      () => procStats(rig.app!.pid).fds,
      (n) => n <= before.fds + 5,
    );
    expect(fdsAfter).toBeLessThanOrEqual(before.fds + 5);
    expect(procStats(rig.app!.pid).rssKb - before.rssKb).toBeLessThan(200 * 1024);
    // Everyone who stayed still gets deltas, in order, without a gap.
    const seen = watchers.map((x) => x.w.deltas);
    await until(
      "deltas after the storms",
      () => watchers.map((x) => x.w.deltas),
      (d) => d.every((n, i) => n >= seen[i]! + 20),
    );
    expect(watchers.map((x) => x.w.gaps)).toEqual([0, 0, 0]);
    expect(rig.app!.exited).toBe(false);
    for (const s of steady) s.disconnect();
  }, 240_000);

  it("drops deltas for a socket that stops reading instead of buffering them, and sends it a correct snapshot once it reads again", async () => {
    // The reading client records its view at every sequence number, to compare the slow one against.
    const control = await connectSocket(url);
    const c = floorWatcher(control, floorId);
    const views = new Map<number, string>();
    const fingerprint = (m: Map<number, DevicePoint>) => JSON.stringify([...m.values()].sort((a, b) => a[0] - b[0]));
    control.on("floor:delta", () => views.set(c.w.seq, fingerprint(c.w.devices)));
    await c.watch();
    const lagsBefore = await metric("floorpulse_realtime_slow_clients_total");

    // A raw client with a tiny kernel receive buffer watches the floor, then stops reading its TCP socket.
    const { hostname, port } = new URL(url);
    const reader = spawn(
      "python3",
      [join(import.meta.dirname, "slow-reader.py"), hostname, port, floorId, ...otherFloors],
      { stdio: ["pipe", "pipe", "inherit"] },
    );
    const slow = { seq: -1, devices: new Map<number, DevicePoint>(), pushed: 0, gapsAfterPush: 0, reading: false };
    let pending = "";
    reader.stdout.on("data", (chunk: Buffer) => {
      pending += chunk.toString();
      let nl;
      while ((nl = pending.indexOf("\n")) >= 0) {
        const ev = JSON.parse(pending.slice(0, nl)) as {
          event: string;
          seq: number;
          devices?: DevicePoint[];
          moved?: DevicePoint[];
          removed?: number[];
        };
        pending = pending.slice(nl + 1);
        if (ev.event === "reading") slow.reading = true;
        else if (ev.event === "ack" || ev.event === "floor:snapshot") {
          if (ev.event === "floor:snapshot") slow.pushed++;
          slow.seq = ev.seq;
          slow.devices = new Map(ev.devices!.map((p) => [p[0], p]));
        } else if (ev.event === "floor:delta" && ev.seq > slow.seq) {
          if (ev.seq !== slow.seq + 1 && slow.pushed) slow.gapsAfterPush++;
          slow.seq = ev.seq;
          for (const a of ev.removed!) slow.devices.delete(a);
          for (const p of ev.moved!) slow.devices.set(p[0], p);
        }
      }
    });
    try {
      await until(
        "the raw client watches the floor",
        () => slow.seq,
        (n) => n >= 0,
        20_000,
      );
      let peak = 0;
      const sample = async () => (peak = Math.max(peak, await metric("floorpulse_realtime_socket_buffer_max_bytes")));
      await until(
        "the server notices the socket is not reading",
        async () => (await sample(), metric("floorpulse_realtime_slow_clients_total")),
        (n) => n > lagsBefore,
        150_000,
        500,
      );
      // Keep it stalled while more deltas go out to the reading client than the bound could hold.
      const bytesAtLag = c.w.bytes;
      await until(
        "more deltas than the bound",
        async () => (await sample(), c.w.bytes),
        (b) => b > bytesAtLag + 2 * MAX_BUFFERED,
        30_000,
        200,
      );
      expect(peak).toBeGreaterThan(0);
      // Bounded: the limit plus what one check interval can add, never everything sent meanwhile.
      expect(peak).toBeLessThan(MAX_BUFFERED * 2);
      const seqAtStall = slow.seq;

      reader.stdin.write("read\n");
      await until(
        "a pushed snapshot",
        () => slow.pushed,
        (n) => n > 0,
        30_000,
      );
      expect(await metric("floorpulse_realtime_resyncs_total")).toBeGreaterThan(0);
      expect(slow.seq).toBeGreaterThan(seqAtStall);
      // Its view after the snapshot and later deltas is exactly the reading client's at the same sequence number.
      const after = slow.seq;
      await until(
        "deltas after the snapshot",
        () => slow.seq,
        (n) => n > after + 5,
        30_000,
      );
      const at = slow.seq;
      const slowView = fingerprint(slow.devices);
      await until("the reading client got there too", () => views.has(at), Boolean, 30_000);
      expect(slowView).toBe(views.get(at));
      expect(slow.gapsAfterPush).toBe(0);
      expect(slow.devices.size).toBeGreaterThan(0);
    } finally {
      reader.kill("SIGKILL");
      control.disconnect();
    }
  }, 240_000);
});
