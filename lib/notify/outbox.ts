import type { Logger } from "@/lib/log";
import type { Db } from "@/lib/store/db";
import { claimDueOutbox, enqueueOutbox, markOutboxFailed, markOutboxSent } from "@/lib/store/outbox";
import { noticeSchema, type ChannelName, type Notice } from "./channels/notice";
import { SendError, type Sender } from "./channels/senders";
import { backoffMs } from "@/lib/alerts/webhook";

// Delivers queued channel messages: each due row is claimed, sent, and marked sent, or rescheduled
// with full-jitter backoff, or given up. All state is in the database, so retries go on after a
// restart; a message is marked sent right after its channel accepted it.

export interface OutboxOptions {
  db: Db;
  log: Logger;
  senders: Partial<Record<ChannelName, Sender>>;
  maxAttempts: number;
  now?: () => number;
  random?: () => number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How long a claimed message is someone's to send before others may try it. */
  leaseMs?: number;
  pollMs?: number;
}

export interface Outbox {
  /** The channels configured. */
  channels: ChannelName[];
  /** Queues a notice on every configured channel (or only `only`); `key` names the news, once per channel. Returns the message ids. */
  enqueue(m: {
    tenantId: string | null;
    kind: "alert" | "summary" | "test";
    key: string;
    notice: Notice;
    only?: ChannelName;
  }): Promise<string[]>;
  /** Sends what is due now; resolves when those are sent or rescheduled. */
  tick(): Promise<{ sent: number; failed: number }>;
  start(): void;
  close(): Promise<void>;
}

export function createOutbox(o: OutboxOptions): Outbox {
  const log = o.log.child({ module: "outbox" });
  const now = o.now ?? Date.now;
  const random = o.random ?? Math.random;
  const channels = (Object.keys(o.senders) as ChannelName[]).filter((c) => o.senders[c]);
  let running: Promise<{ sent: number; failed: number }> | null = null;
  let timer: NodeJS.Timeout | null = null;

  const runTick = async () => {
    let sent = 0;
    let failed = 0;
    const rows = await claimDueOutbox(o.db, now(), o.leaseMs ?? 60_000);
    for (const r of rows) {
      const attempts = r.attempts + 1;
      const sender = o.senders[r.channel as ChannelName];
      try {
        if (!sender) throw new SendError(`channel ${r.channel} is no longer configured`, true);
        const notice = noticeSchema.parse(JSON.parse(r.notice));
        await sender(notice, r.id);
        await markOutboxSent(o.db, r.id, attempts, now());
        sent++;
        log.info({ message: r.id, channel: r.channel, attempts }, "channel message delivered");
      } catch (e) {
        failed++;
        const permanent = e instanceof SendError ? e.permanent : false;
        const retryAt =
          permanent || attempts >= o.maxAttempts
            ? null
            : now() + Math.max(1000, backoffMs(attempts, o.baseDelayMs ?? 5_000, o.maxDelayMs ?? 600_000, random));
        await markOutboxFailed(o.db, r.id, attempts, (e as Error).message, retryAt, now());
        log.warn(
          { message: r.id, channel: r.channel, attempts, err: (e as Error).message, retryAt },
          retryAt ? "channel message failed; will retry" : "channel message given up",
        );
      }
    }
    return { sent, failed };
  };

  const tick = () => {
    // One pass at a time; a caller arriving mid-pass waits for it and then runs its own.
    const prev = running ?? Promise.resolve({ sent: 0, failed: 0 });
    const p = prev.catch(() => undefined).then(runTick);
    running = p;
    void p
      .finally(() => {
        if (running === p) running = null;
      })
      .catch(() => {});
    return p;
  };

  return {
    channels,
    async enqueue(m) {
      const targets = m.only ? channels.filter((c) => c === m.only) : channels;
      const rows = targets.map((channel) => ({
        id: `${m.key}:${channel}`,
        tenantId: m.tenantId,
        channel,
        kind: m.kind,
        notice: JSON.stringify(m.notice),
        at: now(),
      }));
      await enqueueOutbox(o.db, rows);
      return rows.map((r) => r.id);
    },
    tick,
    start() {
      if (timer || !channels.length) return;
      timer = setInterval(
        () => void tick().catch((e: Error) => log.error({ err: e.message }, "outbox pass failed")),
        o.pollMs ?? 2_000,
      );
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}
