import { z } from "zod";
import { authorizeOrThrow } from "@/lib/auth/authorize";
import { revokeKioskToken, setKioskExpiry } from "@/lib/auth/kiosk-tokens";
import { AppError } from "@/lib/errors";
import { readFields } from "@/lib/http/body";
import { parseOrThrow } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

const TEN_YEARS_MS = 3650 * 86_400_000;
const patchBody = z
  .object({
    /** When the link stops working (ISO 8601, in the future, within ten years); null: until revoked. */
    expiresAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .strict();

/** Sets or clears a live kiosk link's expiry. */
export const PATCH = route<{ id: string }>(async (req, { id }) => {
  const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin"], csrf: true });
  const { expiresAt } = parseOrThrow(patchBody, await readFields(req));
  const at = expiresAt === null ? null : new Date(expiresAt);
  const now = Date.now();
  if (at && (at.getTime() <= now || at.getTime() > now + TEN_YEARS_MS))
    throw new AppError("VALIDATION", "The expiry must be in the future and within ten years.");
  const kiosk = await setKioskExpiry(reg.db, { id, tenantId: principal.tenantId, expiresAt: at });
  if (!kiosk) throw new AppError("NOT_FOUND", "kiosk link not found (or revoked)");
  reg.auth.log.info({ kioskId: id, expiresAt: kiosk.expiresAt }, "kiosk link expiry set");
  return Response.json({ kiosk }, { headers: { "Cache-Control": "no-store" } });
});

/** Revokes a kiosk link: its display stops showing data. */
export const DELETE = route<{ id: string }>(async (req, { id }) => {
  const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin"], csrf: true });
  // Only the caller's tenant's links: another tenant's id is as unknown as one that never existed.
  if (!(await revokeKioskToken(reg.db, { id, tenantId: principal.tenantId })))
    throw new AppError("NOT_FOUND", "kiosk link not found");
  reg.auth.log.info({ kioskId: id }, "kiosk link revoked");
  reg.kiosks?.revoked(id); // this node's displays now; other nodes' within their next check
  return new Response(null, { status: 204 });
});
