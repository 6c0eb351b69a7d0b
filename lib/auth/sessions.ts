import type { Db } from "@/lib/store/db";
import { deleteExpiredSessionsOfUser, deleteSessionRow, findSessionRow, insertSession } from "@/lib/store/sessions";
import { randomToken, sha256Hex } from "@/lib/crypto/hash";
import type { UserRole } from "./roles";

// The cookie holds a random token; the table holds only its hash, so a database leak signs nobody in.

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface SessionUser {
  sessionId: string;
  userId: string;
  email: string;
  role: UserRole;
  tenantId: string | null;
  csrfToken: string;
}

/** A new session; the one the browser presented (if any) is dropped, so an id never survives sign-in. */
export async function createSession(
  db: Db,
  o: { userId: string; tenantId: string | null; ttlMs: number; now: number; previousToken?: string | null },
): Promise<NewSession> {
  if (o.previousToken) await deleteSessionRow(db, sha256Hex(o.previousToken));
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(o.now + o.ttlMs);
  await insertSession(db, { id: sha256Hex(token), userId: o.userId, tenantId: o.tenantId, csrfToken, expiresAt });
  // Keep the table small: expired sessions of this user go with each sign-in.
  await deleteExpiredSessionsOfUser(db, o.userId, o.now);
  return { token, csrfToken, expiresAt };
}

export async function findSession(db: Db, token: string | undefined, now: number): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null;
  const row = await findSessionRow(db, sha256Hex(token));
  if (!row) return null;
  if (row.expiresAt.getTime() <= now) {
    await deleteSessionRow(db, row.id);
    return null;
  }
  return {
    sessionId: row.id,
    userId: row.userId,
    email: row.user.email,
    role: row.user.role === "admin" ? "admin" : "viewer",
    // The user's organisation wins: an admin linking it at setup applies to sessions already open.
    tenantId: row.user.tenantId ?? row.tenantId,
    csrfToken: row.csrfToken,
  };
}

export async function deleteSession(db: Db, token: string | undefined): Promise<void> {
  if (token) await deleteSessionRow(db, sha256Hex(token));
}
