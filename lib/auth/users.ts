import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/store/db";
import { AuthError } from "@/lib/errors";
import { hashPassword } from "./password";
import { normaliseEmail, type UserRole } from "./roles";

export interface UserRow {
  id: string;
  email: string;
  role: UserRole;
  tenantId: string | null;
  passwordHash: string | null;
}

const toUser = (r: { id: string; email: string; role: string; tenantId: string | null; passwordHash: string | null }): UserRow => ({
  id: r.id,
  email: r.email,
  role: r.role === "admin" ? "admin" : "viewer",
  tenantId: r.tenantId,
  passwordHash: r.passwordHash,
});

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | null> {
  const r = await db.user.findUnique({ where: { email: normaliseEmail(email) } });
  return r ? toUser(r) : null;
}

export async function addUser(db: Db, o: { email: string; role: UserRole; password?: string; tenantId?: string | null }): Promise<UserRow> {
  const email = normaliseEmail(o.email);
  if (await db.user.findUnique({ where: { email } })) throw new AuthError("VALIDATION", `A user with the email ${email} already exists.`);
  const r = await db.user.create({
    data: { email, role: o.role, tenantId: o.tenantId ?? null, passwordHash: o.password ? await hashPassword(o.password) : null },
  });
  return toUser(r);
}


/** The admin from ADMIN_EMAIL/ADMIN_PASSWORD, created once; an existing user is left as it is. */
export async function ensureFirstAdmin(db: Db, email: string, password: string): Promise<boolean> {
  if (await findUserByEmail(db, email)) return false;
  const tenants = await db.tenant.findMany({ take: 2, select: { id: true } });
  await addUser(db, { email, role: "admin", password, tenantId: tenants.length === 1 ? tenants[0]!.id : null });
  return true;
}

/**
 * The Floorpulse user for a Cisco Spaces user launching from the app tile: created on first launch as a
 * viewer (or admin when listed), never moved from one organisation to another.
 */
export async function userForLaunch(db: Db, o: { email: string; tenantId: string; admins: ReadonlySet<string> }): Promise<UserRow> {
  const email = normaliseEmail(o.email);
  const existing = await db.user.findUnique({ where: { email } });
  if (!existing) {
    return toUser(await db.user.create({ data: { email, role: o.admins.has(email) ? "admin" : "viewer", tenantId: o.tenantId } }));
  }
  if (existing.tenantId === null) return toUser(await db.user.update({ where: { id: existing.id }, data: { tenantId: o.tenantId } }));
  if (existing.tenantId !== o.tenantId) {
    throw new AuthError("TENANT_MISMATCH", `${email} belongs to another organisation in Floorpulse, so it cannot open this Cisco Spaces account's dashboard.`);
  }
  return toUser(existing);
}

/** A user signing in through our OAuth login page without an account yet gets one: the partner tenant id Cisco maps to. */
export async function ensureUserTenant(db: Db, user: UserRow): Promise<{ tenantId: string; partnerTenantId: string }> {
  if (user.tenantId) {
    const t = await db.tenant.findUniqueOrThrow({ where: { id: user.tenantId } });
    return { tenantId: t.id, partnerTenantId: t.partnerTenantId };
  }
  const partnerTenantId = randomBytes(16).toString("hex").toUpperCase();
  const t = await db.tenant.create({ data: { partnerTenantId, name: user.email.split("@")[1] ?? user.email } });
  await db.user.update({ where: { id: user.id }, data: { tenantId: t.id } });
  return { tenantId: t.id, partnerTenantId };
}

export async function setUserRole(db: Db, email: string, role: UserRole): Promise<boolean> {
  const r = await db.user.updateMany({ where: { email: normaliseEmail(email) }, data: { role } });
  return r.count > 0;
}

export async function setUserPassword(db: Db, email: string, password: string): Promise<boolean> {
  const r = await db.user.updateMany({ where: { email: normaliseEmail(email) }, data: { passwordHash: await hashPassword(password) } });
  return r.count > 0;
}

export async function removeUser(db: Db, email: string): Promise<boolean> {
  const r = await db.user.deleteMany({ where: { email: normaliseEmail(email) } });
  return r.count > 0;
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return (await db.user.findMany({ orderBy: { email: "asc" } })).map(toUser);
}
