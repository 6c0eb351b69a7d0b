import { describe, expect, it } from "vitest";
import pino from "pino";
import { createSlowClientGuard, type GuardedSocket } from "@/lib/realtime/slow-clients";

// A socket whose outgoing buffer passes the bound leaves its rooms (broadcasts skip it); once it
// drains below a quarter of the bound it rejoins them and each room sends it a fresh snapshot.

function fakeSocket(id: string) {
  const s = {
    id,
    rooms: new Set<string>([id]),
    buffered: 0,
    join(room: string) {
      s.rooms.add(room);
    },
    leave(room: string) {
      s.rooms.delete(room);
    },
    get conn() {
      return { writeBuffer: [{ data: "x".repeat(s.buffered) }], transport: { socket: { bufferedAmount: 0 } } };
    },
  };
  return s as typeof s & GuardedSocket;
}

describe("slow client guard", () => {
  it("drops a lagging socket from its rooms, then rejoins it and resyncs every room once it drained", async () => {
    const lines: string[] = [];
    const log = pino({ level: "info" }, { write: (l: string) => void lines.push(l) });
    const guard = createSlowClientGuard({ log, maxBufferedBytes: 1000 });
    const slow = fakeSocket("slow");
    const fine = fakeSocket("fine");
    const resynced: string[] = [];
    for (const s of [slow, fine]) {
      await guard.join(s, "loc:t:*", async () => void resynced.push(`${s.id} loc`));
      await guard.join(s, "floor:t:f1", async () => void resynced.push(`${s.id} floor`));
    }
    slow.buffered = 1500;
    guard.check([slow, fine]);
    expect([...slow.rooms]).toEqual(["slow"]);
    expect(fine.rooms.has("loc:t:*")).toBe(true);
    expect(guard.stats()).toMatchObject({ lagging: 1, laggedTotal: 1, maxBufferedBytes: 1500 });
    expect(lines.join("")).toContain("socket is not reading");

    // A watch while lagging waits for the catch-up instead of joining now.
    await guard.join(slow, "loc:t:zone", async () => void resynced.push("slow zone"));
    expect(slow.rooms.has("loc:t:zone")).toBe(false);

    slow.buffered = 600; // still above a quarter of the bound
    guard.check([slow, fine]);
    expect(guard.stats().lagging).toBe(1);
    slow.buffered = 100;
    guard.check([slow, fine]);
    await Promise.resolve();
    expect([...slow.rooms].sort()).toEqual(["floor:t:f1", "loc:t:*", "loc:t:zone", "slow"]);
    expect(resynced.sort()).toEqual(["slow floor", "slow loc", "slow zone"]);
    expect(guard.stats()).toMatchObject({ lagging: 0, resyncsTotal: 3 });
    guard.stop();
  });
});
