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

export async function insertSession(db: Db, s: { id: string; userId: string; tenantId: string | null; csrfToken: string; expiresAt: Date }): Promise<void> {
  await db.session.create({ data: s });
}

export async function findSessionRow(db: Db, id: string): Promise<SessionRow | null> {
  return db.session.findUnique({ where: { id }, include: { user: { select: { email: true, role: true, tenantId: true } } } });
}

export async function deleteSessionRow(db: Db, id: string): Promise<void> {
  await db.session.deleteMany({ where: { id } });
}

export async function deleteExpiredSessionsOfUser(db: Db, userId: string, now: number): Promise<void> {
  await db.session.deleteMany({ where: { userId, expiresAt: { lt: new Date(now) } } });
}
