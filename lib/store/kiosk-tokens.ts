import type { Db } from "./db";

// KioskToken rows: keyed by the hash of the link's token (lib/auth/kiosk-tokens.ts makes and checks tokens).

export interface KioskTokenRow {
  id: string;
  tenantId: string;
  locationId: string;
  label: string;
  theme: string;
  rotateSec: number;
  createdAt: Date;
  revokedAt: Date | null;
  expiresAt: Date | null;
}

export async function insertKioskToken(
  db: Db,
  k: {
    tokenHash: string;
    tenantId: string;
    locationId: string;
    label: string;
    theme: string;
    rotateSec: number;
    expiresAt?: Date | null;
  },
): Promise<KioskTokenRow> {
  return db.kioskToken.create({ data: k });
}

/** Newest first; every tenant's when none is given (the CLI). */
export async function listKioskTokenRows(db: Db, tenantId?: string): Promise<KioskTokenRow[]> {
  return db.kioskToken.findMany({ where: tenantId ? { tenantId } : {}, orderBy: { createdAt: "desc" } });
}

/** Revokes the link unless it already was; "unknown" when the tenant (if given) has no such link. */
export async function revokeKioskTokenRow(
  db: Db,
  o: { id: string; tenantId?: string; now: Date },
): Promise<"revoked" | "already" | "unknown"> {
  const mine = { id: o.id, ...(o.tenantId ? { tenantId: o.tenantId } : {}) };
  const r = await db.kioskToken.updateMany({ where: { ...mine, revokedAt: null }, data: { revokedAt: o.now } });
  if (r.count) return "revoked";
  return (await db.kioskToken.count({ where: mine })) > 0 ? "already" : "unknown";
}

export async function findKioskTokenByHash(db: Db, tokenHash: string): Promise<KioskTokenRow | null> {
  return db.kioskToken.findUnique({ where: { tokenHash } });
}

/** Of these ids, the ones that exist, are not revoked and have not expired. */
export async function liveKioskTokenIds(db: Db, ids: string[], now = new Date()): Promise<Set<string>> {
  const rows = await db.kioskToken.findMany({
    where: { id: { in: ids }, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    select: { id: true },
  });
  return new Set(rows.map((r) => r.id));
}

export async function findKioskTokenById(db: Db, id: string): Promise<KioskTokenRow | null> {
  return db.kioskToken.findUnique({ where: { id } });
}

/** Sets or clears when a live link stops working; false when the tenant (if given) has no such live link. */
export async function setKioskTokenExpiry(
  db: Db,
  o: { id: string; tenantId?: string; expiresAt: Date | null },
): Promise<boolean> {
  const r = await db.kioskToken.updateMany({
    where: { id: o.id, revokedAt: null, ...(o.tenantId ? { tenantId: o.tenantId } : {}) },
    data: { expiresAt: o.expiresAt },
  });
  return r.count > 0;
}
