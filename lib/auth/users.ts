import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/store/db";
import {
  createTenantForUser,
  deleteUserByEmail,
  findTenantById,
  findUserRow,
  insertUser,
  listUserRows,
  soleTenantId,
  updateUserByEmail,
} from "@/lib/store/users";
import { deleteSessionsOfUserEmail } from "@/lib/store/sessions";
import { AppError } from "@/lib/errors";
import { hashPassword } from "./password";
import { normaliseEmail, type UserRole } from "./roles";

export interface UserRow {
  id: string;
  email: string;
  role: UserRole;
  tenantId: string | null;
  passwordHash: string | null;
}

const toUser = (r: {
  id: string;
  email: string;
  role: string;
  tenantId: string | null;
  passwordHash: string | null;
}): UserRow => ({
  id: r.id,
  email: r.email,
  role: r.role === "admin" ? "admin" : "viewer",
  tenantId: r.tenantId,
  passwordHash: r.passwordHash,
});

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | null> {
  const r = await findUserRow(db, normaliseEmail(email));
  return r ? toUser(r) : null;
}

export async function addUser(
  db: Db,
  o: { email: string; role: UserRole; password?: string; tenantId?: string | null },
): Promise<UserRow> {
  const email = normaliseEmail(o.email);
  if (await findUserRow(db, email)) throw new AppError("VALIDATION", `A user with the email ${email} already exists.`);
  return toUser(
    await insertUser(db, {
      email,
      role: o.role,
      tenantId: o.tenantId ?? null,
      passwordHash: o.password ? await hashPassword(o.password) : null,
    }),
  );
}

/** The admin from ADMIN_EMAIL/ADMIN_PASSWORD, created once; an existing user is left as it is. */
export async function ensureFirstAdmin(db: Db, email: string, password: string): Promise<boolean> {
  if (await findUserByEmail(db, email)) return false;
  await addUser(db, { email, role: "admin", password, tenantId: await soleTenantId(db) });
  return true;
}

/**
 * The Floorpulse user for a Cisco Spaces user launching from the app tile: created on first launch as a
 * viewer (or admin when listed), never moved from one organisation to another.
 */
export async function userForLaunch(
  db: Db,
  o: { email: string; tenantId: string; admins: ReadonlySet<string> },
): Promise<UserRow> {
  const email = normaliseEmail(o.email);
  const existing = await findUserRow(db, email);
  if (!existing) {
    return toUser(
      await insertUser(db, {
        email,
        role: o.admins.has(email) ? "admin" : "viewer",
        tenantId: o.tenantId,
        passwordHash: null,
      }),
    );
  }
  // An account of this Floorpulse not linked to any organisation (ADMIN_EMAIL, `npm run user add`) is
  // never linked by whichever Cisco Spaces account happens to launch first with its e-mail: that would
  // hand an outsider's tenant this account (and its role). An admin links it (activation at /setup).
  if (existing.tenantId === null) {
    throw new AppError(
      "TENANT_MISMATCH",
      `${email} is an account of this Floorpulse that is not linked to a Cisco Spaces account; sign in with its password, or ask an admin to link it.`,
    );
  }
  if (existing.tenantId !== o.tenantId) {
    throw new AppError(
      "TENANT_MISMATCH",
      `${email} belongs to another organisation in Floorpulse, so it cannot open this Cisco Spaces account's dashboard.`,
    );
  }
  return toUser(existing);
}

/** A user signing in through our OAuth login page without an account yet gets one: the partner tenant id Cisco maps to. */
export async function ensureUserTenant(db: Db, user: UserRow): Promise<{ tenantId: string; partnerTenantId: string }> {
  if (user.tenantId) {
    const t = await findTenantById(db, user.tenantId);
    if (!t) throw new Error(`user ${user.id} belongs to tenant ${user.tenantId}, which does not exist`);
    return { tenantId: t.id, partnerTenantId: t.partnerTenantId };
  }
  const partnerTenantId = randomBytes(16).toString("hex").toUpperCase();
  const t = await createTenantForUser(db, user.id, { partnerTenantId, name: user.email.split("@")[1] ?? user.email });
  return { tenantId: t.id, partnerTenantId };
}

export async function setUserRole(db: Db, email: string, role: UserRole): Promise<boolean> {
  return updateUserByEmail(db, normaliseEmail(email), { role });
}

/** Sets a new password and ends every session of the user: whoever knew the old one is signed out everywhere. */
export async function setUserPassword(db: Db, email: string, password: string): Promise<boolean> {
  const e = normaliseEmail(email);
  if (!(await updateUserByEmail(db, e, { passwordHash: await hashPassword(password) }))) return false;
  await deleteSessionsOfUserEmail(db, e);
  return true;
}

export async function removeUser(db: Db, email: string): Promise<boolean> {
  return deleteUserByEmail(db, normaliseEmail(email));
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return (await listUserRows(db)).map(toUser);
}
