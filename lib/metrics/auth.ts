import { createHash, timingSafeEqual } from "node:crypto";

/** Whether an Authorization header carries the metrics bearer token; no token configured means open. */
export function metricsAuthorized(authorization: string | null, token: string | undefined): boolean {
  if (!token) return true;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!m) return false;
  // Hashing first gives equal lengths, so the comparison's time says nothing about the token.
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(m[1]!), digest(token));
}
