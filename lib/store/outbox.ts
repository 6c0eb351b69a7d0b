import type { Db } from "./db";
import { writeEach } from "./write-each";

// The notification outbox: one row per message and channel, its id derived from the news it carries
// so the same news queued twice is one row. Rows are claimed with a lease before sending, so a second
// worker (or the same one after a restart) never sends a message another is sending right now.

export interface OutboxRow {
  id: string;
  tenantId: string | null;
  channel: string;
  kind: string;
  notice: string;
  attempts: number;
}

/** Queues messages; ids already queued (or sent) are left as they are. */
export async function enqueueOutbox(db: Db, rows: Array<Omit<OutboxRow, "attempts"> & { at: number }>): Promise<void> {
  await writeEach(db, rows, (r) =>
    db.outboxMessage.upsert({
      where: { id: r.id },
      create: {
        id: r.id,
        tenantId: r.tenantId,
        channel: r.channel,
        kind: r.kind,
        notice: r.notice,
        nextAttemptAt: new Date(r.at),
      },
      update: {},
    }),
  );
}

/** Due messages, each claimed until `now + leaseMs` (a message claimed by someone else is skipped). */
export async function claimDueOutbox(db: Db, now: number, leaseMs: number, limit = 20): Promise<OutboxRow[]> {
  const due = await db.outboxMessage.findMany({
    where: { sentAt: null, failedAt: null, nextAttemptAt: { lte: new Date(now) } },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    select: { id: true, tenantId: true, channel: true, kind: true, notice: true, attempts: true, nextAttemptAt: true },
  });
  const claimed: OutboxRow[] = [];
  for (const d of due) {
    const r = await db.outboxMessage.updateMany({
      where: { id: d.id, sentAt: null, nextAttemptAt: d.nextAttemptAt },
      data: { nextAttemptAt: new Date(now + leaseMs) },
    });
    if (r.count === 1)
      claimed.push({
        id: d.id,
        tenantId: d.tenantId,
        channel: d.channel,
        kind: d.kind,
        notice: d.notice,
        attempts: d.attempts,
      });
  }
  return claimed;
}

export async function markOutboxSent(db: Db, id: string, attempts: number, at: number): Promise<void> {
  await db.outboxMessage.update({ where: { id }, data: { sentAt: new Date(at), attempts, lastError: null } });
}

/** A failed attempt: tried again at `retryAt`, or given up (`retryAt` null). */
export async function markOutboxFailed(
  db: Db,
  id: string,
  attempts: number,
  error: string,
  retryAt: number | null,
  now: number,
): Promise<void> {
  await db.outboxMessage.update({
    where: { id },
    data: {
      attempts,
      lastError: error.slice(0, 500),
      ...(retryAt === null ? { failedAt: new Date(now) } : { nextAttemptAt: new Date(retryAt) }),
    },
  });
}

export async function findOutboxMessage(db: Db, id: string) {
  return db.outboxMessage.findUnique({
    where: { id },
    select: { id: true, channel: true, attempts: true, sentAt: true, failedAt: true, lastError: true },
  });
}

export async function listTenantIds(db: Db): Promise<string[]> {
  return (await db.tenant.findMany({ select: { id: true } })).map((t) => t.id);
}
