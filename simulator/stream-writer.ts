import type { ServerResponse } from "node:http";
import type { Fault, Faults } from "./faults";

// Writes one connection's lines through the faults that apply to its key. Real records are never
// dropped: a cut ends the connection inside a line (the client resumes with fromTimestamp), a
// stall holds lines back, duplicates/malformed/oversized lines are added, reordering reverses small
// groups, a slow drip delays.

export interface StreamWriter {
  /** NDJSON bytes (whole lines) and how many lines they hold; `done` once the bytes may be reused. */
  send(parts: readonly Buffer[], count: number, done?: () => void): void;
  /** A line that passes no fault but a stall or slow drip (KEEP_ALIVE). */
  sendRaw(line: string): void;
  /** Wall ms to wait before sending more: 0 ready, -1 wait for 'drain', Infinity closed. */
  wait(): number;
  readonly linesSent: number;
  readonly bytesSent: number;
}

const MALFORMED = [
  (n: number) => `{"recordUid":"event-malformed-${n}","recordTimestamp":`,
  () => `this is not JSON`,
  () => `["an","array","is","not","a","record"]`,
  () => `{"eventType":"DEVICE_LOCATION_UPDATE","deviceLocationUpdate":{}}`,
  (n: number, ts: number) =>
    `{"recordUid":"event-unknown-${n}","recordTimestamp":${ts},"spacesTenantId":"","spacesTenantName":"","partnerTenantId":"","eventType":"SIMULATOR_UNKNOWN_TYPE"}`,
];

function oversized(n: number, ts: number, bytes: number): string {
  const head = `{"recordUid":"event-oversized-${n}","recordTimestamp":${ts},"spacesTenantId":"","spacesTenantName":"","partnerTenantId":"","eventType":"DEVICE_LOCATION_UPDATE","deviceLocationUpdate":{"device":{"deviceId":"device-oversized","tags":["`;
  const tail = `"]}}}`;
  return head + "x".repeat(Math.max(0, bytes - head.length - tail.length)) + tail;
}

export function createStreamWriter(
  res: ServerResponse,
  key: string,
  faults: Faults,
  now: () => number,
  simNow: () => number,
): StreamWriter {
  let counter = 0;
  let bytes = 0;
  let injected = 0;
  let stalledUntil = 0;
  let pending: string[] = [];
  let needDrain = false;
  let drip: Buffer = Buffer.alloc(0);
  let dripTimer: NodeJS.Timeout | undefined;
  const armed = new Map<string, number>();
  res.on("drain", () => (needDrain = false));
  res.on("close", () => clearInterval(dripTimer));

  const slowRate = () => faults.active("slow", key)[0]?.bytesPerSecond ?? 0;
  const put = (chunks: ReadonlyArray<Buffer | string>, done?: () => void) => {
    const slow = drip.length > 0 || slowRate() > 0;
    if (slow) {
      for (const c of chunks) {
        bytes += c.length;
        drip = Buffer.concat([drip, typeof c === "string" ? Buffer.from(c) : c]);
      }
      dripTimer ??= setInterval(tick, 100);
      return done?.();
    }
    res.cork();
    chunks.forEach((c, i) => {
      bytes += c.length;
      if (!res.write(c, i === chunks.length - 1 ? done : undefined)) needDrain = true;
    });
    res.uncork();
  };
  function tick() {
    const rate = slowRate();
    const n = rate ? Math.max(1, Math.floor(rate / 10)) : drip.length;
    const part = drip.subarray(0, n);
    drip = drip.subarray(n);
    if (part.length && !res.destroyed && !res.write(part)) needDrain = true;
    if (!drip.length) {
      clearInterval(dripTimer);
      dripTimer = undefined;
    }
  }
  const arm = (list: Fault[]) => {
    for (const f of list) if (!armed.has(f.id)) armed.set(f.id, counter);
  };
  const due = (f: Fault) => counter >= armed.get(f.id)! + f.afterLines;

  function send(parts: readonly Buffer[], count: number, done?: () => void) {
    if (res.destroyed) return;
    const cuts = faults.active("cut", key);
    const stalls = faults.active("stall", key);
    const dups = faults.active("duplicates", key);
    const bad = faults.active("malformed", key);
    const big = faults.active("oversized", key);
    const reorder = faults.active("reorder", key)[0];
    const stalled = now() < stalledUntil;
    if (
      !pending.length &&
      !stalled &&
      !cuts.length &&
      !stalls.length &&
      !dups.length &&
      !bad.length &&
      !big.length &&
      !reorder
    ) {
      counter += count;
      if (parts.length) put(parts, done);
      else done?.();
      return;
    }
    // Slow path: whole lines, one by one.
    const text = parts.length === 1 ? parts[0]!.toString() : Buffer.concat(parts).toString();
    done?.();
    let lines: string[] = text ? text.slice(0, -1).split("\n") : [];
    if (pending.length) {
      lines = pending.concat(lines);
      pending = [];
    }
    if (stalled) {
      pending = lines;
      return;
    }
    arm(cuts);
    arm(stalls);
    const out: string[] = [];
    let group: string[] = [];
    const emit = (line: string) => {
      if (!reorder) return void out.push(line);
      group.push(line);
      if (group.length >= reorder.window) {
        faults.strike(reorder);
        out.push(...group.reverse());
        group = [];
      }
    };
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const cut = cuts.find(due);
      if (cut) {
        faults.strike(cut);
        armed.delete(cut.id);
        out.push(...group);
        const head = out.length ? `${out.join("\n")}\n` : "";
        res.write(head + line.slice(0, Math.max(1, Math.floor(line.length / 2))), () => res.destroy());
        return;
      }
      const stall = stalls.find(due);
      if (stall) {
        faults.strike(stall);
        armed.delete(stall.id);
        stalledUntil = now() + stall.seconds * 1000;
        pending = lines.slice(i);
        break;
      }
      counter++;
      emit(line);
      for (const f of dups) {
        if (counter % f.every !== 0) continue;
        faults.strike(f);
        emit(line);
      }
      // Injected lines carry the time of the record they follow, as if they came from the same partition.
      const at = () => Number(/"recordTimestamp":(\d+)/.exec(line)?.[1] ?? simNow());
      for (const f of bad) {
        if (counter % f.every !== 0) continue;
        faults.strike(f);
        out.push(MALFORMED[injected++ % MALFORMED.length]!(counter, at()));
      }
      for (const f of big) {
        if (counter % f.every !== 0) continue;
        faults.strike(f);
        out.push(oversized(counter, at(), f.bytes));
      }
    }
    out.push(...group);
    if (out.length) put([`${out.join("\n")}\n`]);
  }

  return {
    send,
    sendRaw(line) {
      if (!res.destroyed && now() >= stalledUntil) put([`${line}\n`]);
    },
    wait() {
      if (res.destroyed) return Infinity;
      const t = now();
      if (t < stalledUntil) return stalledUntil - t;
      if (needDrain) return -1;
      const rate = slowRate();
      if (drip.length > Math.max(rate, 4096)) return 100;
      return 0;
    },
    get linesSent() {
      return counter;
    },
    get bytesSent() {
      return bytes;
    },
  };
}
