import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import type { Db } from "@/lib/store/db";
import { kioskStateById, kioskTokenState, KIOSK_PREFIX, type KioskTokenState } from "./kiosk-tokens";

// "You are here" links. The QR code on a lobby screen is photographable, so it must not carry the
// kiosk's own (long-lived) link: it carries a token of its own, signed with a key derived from the
// data key, naming the kiosk link and an expiry. The display fetches a fresh one every few minutes;
// a photograph stops working when its token expires, and revoking the kiosk link ends every token
// minted for it at once (the link is looked up on every use).

export const HERE_PREFIX = "fph_";
/** How long a code on the screen keeps working; the display replaces it well before (HERE_REFRESH_MS). */
export const HERE_TTL_MS = 20 * 60_000;
export const HERE_REFRESH_MS = 5 * 60_000;

const keyOf = (dataKey: Buffer) =>
  Buffer.from(hkdfSync("sha256", dataKey, Buffer.alloc(0), "floorpulse here link", 32));
const mac = (key: Buffer, body: string) =>
  createHmac("sha256", key).update(body).digest().subarray(0, 18).toString("base64url");

export function issueHereToken(
  dataKey: Buffer,
  kioskId: string,
  now: number,
  ttlMs = HERE_TTL_MS,
): { token: string; expiresAt: number } {
  const expiresAt = now + ttlMs;
  const body = `${HERE_PREFIX}${kioskId}.${Math.floor(expiresAt / 1000).toString(36)}`;
  return { token: `${body}.${mac(keyOf(dataKey), body)}`, expiresAt };
}

/** The kiosk link id a well-signed, unexpired token names; null for anything else. */
export function verifyHereToken(
  dataKey: Buffer,
  token: string | null | undefined,
  now: number,
): { kioskId: string } | "expired" | null {
  if (!token || token.length > 120) return null;
  const m = /^fph_([A-Za-z0-9_-]{1,64})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{24})$/.exec(token);
  if (!m) return null;
  const body = `${HERE_PREFIX}${m[1]}.${m[2]}`;
  const want = Buffer.from(mac(keyOf(dataKey), body));
  const got = Buffer.from(m[3]!);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  if (parseInt(m[2]!, 36) * 1000 <= now) return "expired";
  return { kioskId: m[1]! };
}

export type HereLinkState = KioskTokenState | { state: "expired" };

/** The kiosk link behind a "You are here" token (never a kiosk token itself). */
export async function hereLinkState(
  db: Db,
  dataKey: Buffer,
  token: string | null | undefined,
  now: number,
): Promise<HereLinkState> {
  const v = verifyHereToken(dataKey, token, now);
  if (v === "expired") return { state: "expired" };
  if (!v) return { state: "unknown" };
  return kioskStateById(db, v.kioskId);
}

/** What may load a display's floor images: the kiosk link itself or a "You are here" token for it. */
export async function displayLinkState(
  db: Db,
  dataKey: Buffer,
  token: string | null | undefined,
  now: number,
): Promise<HereLinkState> {
  return token?.startsWith(KIOSK_PREFIX) ? kioskTokenState(db, token) : hereLinkState(db, dataKey, token, now);
}
