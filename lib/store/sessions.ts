import type { Db } from "./db";

// Session rows: keyed by the hash of the cookie's token (lib/auth/sessions.ts makes and checks tokens).

export interface SessionRow {
  id: string;
  userId: string;
  tenantId: string | null;
  csrfToken: string;
  expiresAt: Date;
  user: { email: string; role: string; tenantId: string | null };
}

export async function insertSession(
  db: Db,
  s: { id: string; userId: string; tenantId: string | null; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await db.session.create({ data: s });
}

export async function findSessionRow(db: Db, id: string): Promise<SessionRow | null> {
  return db.session.findUnique({
    where: { id },
    include: { user: { select: { email: true, role: true, tenantId: true } } },
  });
}

export async function deleteSessionRow(db: Db, id: string): Promise<void> {
  await db.session.deleteMany({ where: { id } });
}

export async function deleteExpiredSessionsOfUser(db: Db, userId: string, now: number): Promise<void> {
  await db.session.deleteMany({ where: { userId, expiresAt: { lt: new Date(now) } } });
}

/** Of these session ids, the live ones (not expired) with their user's role and organisation: one query for every open socket. */
export async function liveSessionRows(
  db: Db,
  ids: string[],
  now: number,
): Promise<Array<{ id: string; tenantId: string | null; user: { role: string; tenantId: string | null } }>> {
  return db.session.findMany({
    where: { id: { in: ids }, expiresAt: { gt: new Date(now) } },
    select: { id: true, tenantId: true, user: { select: { role: true, tenantId: true } } },
  });
}

/** Ends every session of the user with this e-mail (a password change signs them out everywhere). */
export async function deleteSessionsOfUserEmail(db: Db, email: string): Promise<number> {
  return (await db.session.deleteMany({ where: { user: { email } } })).count;
}
