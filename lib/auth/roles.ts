import { z } from "zod";

export const userRoleSchema = z.enum(["admin", "viewer"]);
export type UserRole = z.infer<typeof userRoleSchema>;
export type Role = UserRole | "kiosk";

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(320));

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
