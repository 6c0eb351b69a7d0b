// Pure accounting of what a bench socket client received: sequence numbers per room (a gap is a
// delta the client never saw), snapshots the server pushed because it fell behind (lagging), and
// disconnects. A delta the client missed is not left out of the latency: it counts as arriving with
// the first delta after it (its content reached the client no sooner). No I/O.

export interface Tally {
  deltas: number;
  /** Deltas never received (sequence gaps, and those a pushed snapshot replaced). */
  missed: number;
  /** Sequence gaps between two deltas: deltas lost without any resynchronisation. */
  gaps: number;
  /** Snapshots the server pushed (the client fell behind and was resynchronised). */
  resyncs: number;
  disconnects: number;
}

export const emptyTally = (): Tally => ({ deltas: 0, missed: 0, gaps: 0, resyncs: 0, disconnects: 0 });

export interface SeqTracker {
  /** An acknowledged watch or a pushed snapshot (`pushed`) with the room's sequence number. */
  snapshot(room: string, seq: number, pushed: boolean): void;
  /** A delta; returns how many latency samples it stands for (1 + the deltas missed before it). */
  delta(room: string, seq: number): number;
  /** The connection ended: every room starts again with the next snapshot. */
  disconnected(): void;
  tally: Tally;
  reset(): void;
}

export function createSeqTracker(): SeqTracker {
  const next = new Map<string, number>();
  const owed = new Map<string, number>();
  let tally = emptyTally();
  return {
    get tally() {
      return tally;
    },
    snapshot(room, seq, pushed) {
      const expected = next.get(room);
      if (pushed) {
        tally.resyncs++;
        if (expected !== undefined && seq >= expected) {
          tally.missed += seq - expected + 1;
          owed.set(room, (owed.get(room) ?? 0) + seq - expected + 1);
        }
      }
      next.set(room, seq + 1);
    },
    delta(room, seq) {
      tally.deltas++;
      const expected = next.get(room);
      let n = 1 + (owed.get(room) ?? 0);
      owed.delete(room);
      if (expected !== undefined && seq > expected) {
        tally.gaps++;
        tally.missed += seq - expected;
        n += seq - expected;
      }
      if (expected === undefined || seq >= expected) next.set(room, seq + 1);
      return n;
    },
    disconnected() {
      tally.disconnects++;
      next.clear();
      owed.clear();
    },
    reset() {
      tally = emptyTally();
    },
  };
}

/** Clients that dropped (disconnected, or a sequence gap: deltas lost unannounced) and that lagged (were resynchronised). */
export function classify(tallies: Tally[]): { dropped: number; lagging: number; missed: number } {
  let dropped = 0;
  let lagging = 0;
  let missed = 0;
  for (const t of tallies) {
    missed += t.missed;
    if (t.disconnects > 0 || t.gaps > 0) dropped++;
    else if (t.resyncs > 0) lagging++;
  }
  return { dropped, lagging, missed };
}

/** Where a room's sequence number sits in a raw Socket.IO text packet, read without decoding it. */
export function seqOf(packet: string): number | null {
  const i = packet.indexOf('"seq":');
  if (i < 0) return null;
  const n = parseInt(packet.slice(i + 6, i + 24), 10);
  return Number.isFinite(n) ? n : null;
}
