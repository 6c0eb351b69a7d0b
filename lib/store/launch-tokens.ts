import type { Db } from "./db";

// Launch tokens already used to sign in, by hash, until they could no longer be replayed anyway.

/** Records a spent launch token; false when it was spent before. */
export async function spendLaunchToken(
  db: Db,
  tokenHash: string,
  o: { expiresAt: Date; now: number },
): Promise<boolean> {
  await db.usedLaunchToken.deleteMany({ where: { expiresAt: { lt: new Date(o.now) } } });
  try {
    await db.usedLaunchToken.create({ data: { tokenHash, expiresAt: o.expiresAt } });
    return true;
  } catch (e) {
    // P2002: unique constraint; checked by code so the SQLite and PostgreSQL clients both match.
    if ((e as { code?: unknown }).code === "P2002") return false;
    throw e;
  }
}

/** A partner tenant with its live activations, newest first (who a launch token may sign in to). */
export async function findTenantWithLiveActivations(db: Db, partnerTenantId: string) {
  return db.tenant.findUnique({
    where: { partnerTenantId },
    include: { activations: { where: { status: { not: "deactivated" } }, orderBy: { createdAt: "desc" } } },
  });
}
