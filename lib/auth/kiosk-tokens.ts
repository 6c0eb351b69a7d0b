import type { Db } from "@/lib/store/db";
import {
  findKioskTokenByHash,
  findKioskTokenById,
  insertKioskToken,
  listKioskTokenRows,
  liveKioskTokenIds,
  revokeKioskTokenRow,
  setKioskTokenExpiry,
  type KioskTokenRow,
} from "@/lib/store/kiosk-tokens";
import { randomToken, sha256Hex } from "@/lib/crypto/hash";

// Read-only display links for one location subtree. The token is shown once; only its hash is kept.

export const KIOSK_PREFIX = "fpk_";

/** A link as the API shows it: the row, with its times as ISO strings. */
export type KioskTokenView = Omit<KioskTokenRow, "createdAt" | "revokedAt" | "expiresAt"> & {
  createdAt: string;
  revokedAt: string | null;
  /** When the link stops working on its own (null: until revoked). */
  expiresAt: string | null;
};

const toView = (r: KioskTokenRow): KioskTokenView => ({
  id: r.id,
  tenantId: r.tenantId,
  locationId: r.locationId,
  label: r.label,
  theme: r.theme,
  rotateSec: r.rotateSec,
  createdAt: r.createdAt.toISOString(),
  revokedAt: r.revokedAt?.toISOString() ?? null,
  expiresAt: r.expiresAt?.toISOString() ?? null,
});

const expired = (r: KioskTokenRow, now = Date.now()) => r.expiresAt !== null && r.expiresAt.getTime() <= now;

export async function createKioskToken(
  db: Db,
  o: {
    tenantId: string;
    locationId: string;
    label: string;
    theme?: "dark" | "light";
    rotateSec?: number;
    expiresInDays?: number;
    now?: number;
  },
): Promise<{ token: string; kiosk: KioskTokenView }> {
  const token = KIOSK_PREFIX + randomToken(32);
  const expiresAt = o.expiresInDays ? new Date((o.now ?? Date.now()) + o.expiresInDays * 86_400_000) : null;
  const row = await insertKioskToken(db, {
    tokenHash: sha256Hex(token),
    tenantId: o.tenantId,
    locationId: o.locationId,
    label: o.label,
    theme: o.theme ?? "dark",
    rotateSec: o.rotateSec ?? 15,
    expiresAt,
  });
  return { token, kiosk: toView(row) };
}

/**
 * Rotation: a new link with the same place, label, look and lifetime, and the old one revoked (its
 * displays show "revoked" within seconds). Null when the tenant (if given) has no such live link.
 */
export async function rotateKioskToken(
  db: Db,
  o: { id: string; tenantId?: string; now?: number },
): Promise<{ token: string; kiosk: KioskTokenView } | null> {
  const now = o.now ?? Date.now();
  const old = await findKioskTokenById(db, o.id);
  if (!old || (o.tenantId && old.tenantId !== o.tenantId) || old.revokedAt) return null;
  const lifetimeDays = old.expiresAt ? (old.expiresAt.getTime() - old.createdAt.getTime()) / 86_400_000 : undefined;
  const fresh = await createKioskToken(db, {
    tenantId: old.tenantId,
    locationId: old.locationId,
    label: old.label,
    theme: old.theme === "light" ? "light" : "dark",
    rotateSec: old.rotateSec,
    expiresInDays: lifetimeDays,
    now,
  });
  await revokeKioskTokenRow(db, { id: old.id, now: new Date(now) });
  return fresh;
}

export async function listKioskTokens(db: Db, tenantId?: string): Promise<KioskTokenView[]> {
  return (await listKioskTokenRows(db, tenantId)).map(toView);
}

/** Revokes one of the tenant's tokens; false when it has no such token. */
export async function revokeKioskToken(db: Db, o: { id: string; tenantId?: string; now?: Date }): Promise<boolean> {
  return (await revokeKioskTokenRow(db, { id: o.id, tenantId: o.tenantId, now: o.now ?? new Date() })) !== "unknown";
}

/**
 * Sets when a live link stops working (null: until revoked). A link that has expired can be given a
 * new date and works again; a revoked one cannot. Null when the tenant (if given) has no such link.
 */
export async function setKioskExpiry(
  db: Db,
  o: { id: string; tenantId?: string; expiresAt: Date | null },
): Promise<KioskTokenView | null> {
  if (!(await setKioskTokenExpiry(db, o))) return null;
  const row = await findKioskTokenById(db, o.id);
  return row ? toView(row) : null;
}

/** The token's scope, or null when it is unknown or revoked. */
export async function resolveKioskToken(db: Db, token: string | null | undefined): Promise<KioskTokenView | null> {
  if (!token || !token.startsWith(KIOSK_PREFIX) || token.length > 100) return null;
  const row = await findKioskTokenByHash(db, sha256Hex(token));
  return row && !row.revokedAt && !expired(row) ? toView(row) : null;
}

/** Of these kiosk link ids, the ones that exist and are not revoked (one query for every open display). */
export async function validKioskIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  return liveKioskTokenIds(db, ids);
}

export type KioskTokenState =
  { state: "active"; kiosk: KioskTokenView } | { state: "revoked" } | { state: "expired" } | { state: "unknown" };

function stateOf(row: KioskTokenRow | null): KioskTokenState {
  if (!row) return { state: "unknown" };
  if (row.revokedAt) return { state: "revoked" };
  return expired(row) ? { state: "expired" } : { state: "active", kiosk: toView(row) };
}

/** Like resolveKioskToken, but tells a revoked link from one that never existed (for the display's message). */
export async function kioskTokenState(db: Db, token: string | null | undefined): Promise<KioskTokenState> {
  if (!token || !token.startsWith(KIOSK_PREFIX) || token.length > 100) return { state: "unknown" };
  const row = await findKioskTokenByHash(db, sha256Hex(token));
  return stateOf(row);
}

/** The state of the link with this id (a "You are here" token names its kiosk link by id). */
export async function kioskStateById(db: Db, id: string): Promise<KioskTokenState> {
  const row = await findKioskTokenById(db, id);
  return stateOf(row);
}
