import type { Db } from "./db";

// OAuthCode rows: single-use, keyed by the code's hash (lib/auth/oauth.ts issues and checks codes).

export interface OAuthCodeRow {
  clientId: string;
  redirectUri: string;
  userId: string;
  partnerTenantId: string;
  expiresAt: Date;
}

/** Stores a new code and forgets codes that expired more than `keepExpiredMs` ago. */
export async function insertOAuthCode(
  db: Db,
  c: OAuthCodeRow & { codeHash: string },
  o: { now: number; keepExpiredMs: number },
): Promise<void> {
  await db.oAuthCode.create({ data: c });
  await db.oAuthCode.deleteMany({ where: { expiresAt: { lt: new Date(o.now - o.keepExpiredMs) } } });
}

export async function findOAuthCode(db: Db, codeHash: string): Promise<OAuthCodeRow | null> {
  return db.oAuthCode.findUnique({
    where: { codeHash },
    select: { clientId: true, redirectUri: true, userId: true, partnerTenantId: true, expiresAt: true },
  });
}

/** Marks the code used; false when it already was (only one caller ever gets true). */
export async function spendOAuthCode(db: Db, codeHash: string, now: number): Promise<boolean> {
  return (
    (await db.oAuthCode.updateMany({ where: { codeHash, usedAt: null }, data: { usedAt: new Date(now) } })).count === 1
  );
}
