// Records made by actions rather than by the clock (APP_ACTIVATION, APP_DE_ACTIVATION,
// LOCATION_CHANGE). They are kept for the replay window and merged into every stream at their
// timestamps, so a client resuming with fromTimestamp gets them too.

export interface LogEntry {
  seq: number;
  ts: number;
  /** The tick whose records it travels with: floor(ts / tickMs) + 1. */
  bucket: number;
  tenant: number;
  /** Only streams of this activation see it (APP_ACTIVATION/APP_DE_ACTIVATION); null: any key carrying the tenant. */
  ref: string | null;
  line: string;
}

export interface EventLog {
  append(e: Omit<LogEntry, "seq" | "bucket">): LogEntry;
  /** Sequence number of the first entry at or after ts. */
  seqAt(ts: number): number;
  /** Entries from seq on whose bucket is at most `bucket`; returns the next seq to read. */
  read(seq: number, bucket: number, into: LogEntry[]): number;
  prune(beforeTs: number): void;
  entries(): readonly LogEntry[];
}

export function createEventLog(tickMs: number): EventLog {
  let base = 0;
  let list: LogEntry[] = [];
  return {
    append(e) {
      const entry: LogEntry = { ...e, seq: base + list.length, bucket: Math.floor(e.ts / tickMs) + 1 };
      list.push(entry);
      return entry;
    },
    seqAt(ts) {
      const i = list.findIndex((e) => e.ts >= ts);
      return i < 0 ? base + list.length : base + i;
    },
    read(seq, bucket, into) {
      let i = Math.max(0, seq - base);
      while (i < list.length && list[i]!.bucket <= bucket) into.push(list[i++]!);
      return base + i;
    },
    prune(beforeTs) {
      const keep = list.findIndex((e) => e.ts >= beforeTs);
      const drop = keep < 0 ? list.length : keep;
      if (!drop) return;
      list = list.slice(drop);
      base += drop;
    },
    entries: () => list,
  };
}
