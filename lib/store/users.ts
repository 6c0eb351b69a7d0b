import type { Db } from "./db";

// User rows (lib/auth/users.ts owns the rules: normalised emails, roles, which organisation).

export interface UserRecord {
  id: string;
  email: string;
  role: string;
  tenantId: string | null;
  passwordHash: string | null;
}

export async function findUserRow(db: Db, email: string): Promise<UserRecord | null> {
  return db.user.findUnique({ where: { email } });
}

export async function findUserRowById(db: Db, id: string): Promise<UserRecord | null> {
  return db.user.findUnique({ where: { id } });
}

export async function insertUser(
  db: Db,
  u: { email: string; role: string; tenantId: string | null; passwordHash: string | null },
): Promise<UserRecord> {
  return db.user.create({ data: u });
}

export async function setUserTenant(db: Db, id: string, tenantId: string): Promise<UserRecord> {
  return db.user.update({ where: { id }, data: { tenantId } });
}

/** Changes the user with this email; false when there is none. */
export async function updateUserByEmail(
  db: Db,
  email: string,
  data: { role?: string; passwordHash?: string },
): Promise<boolean> {
  return (await db.user.updateMany({ where: { email }, data })).count > 0;
}

export async function deleteUserByEmail(db: Db, email: string): Promise<boolean> {
  return (await db.user.deleteMany({ where: { email } })).count > 0;
}

export async function listUserRows(db: Db): Promise<UserRecord[]> {
  return db.user.findMany({ orderBy: { email: "asc" } });
}

/** The one tenant there is, or null when there are none or several. */
export async function soleTenantId(db: Db): Promise<string | null> {
  const tenants = await db.tenant.findMany({ take: 2, select: { id: true } });
  return tenants.length === 1 ? tenants[0]!.id : null;
}

export async function findTenantById(
  db: Db,
  id: string,
): Promise<{ id: string; partnerTenantId: string; name: string } | null> {
  return db.tenant.findUnique({ where: { id }, select: { id: true, partnerTenantId: true, name: true } });
}

/** A new tenant, with this user as its first member. */
export async function createTenantForUser(
  db: Db,
  userId: string,
  t: { partnerTenantId: string; name: string },
): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const tenant = await tx.tenant.create({ data: t, select: { id: true } });
    await tx.user.update({ where: { id: userId }, data: { tenantId: tenant.id } });
    return tenant;
  });
}
