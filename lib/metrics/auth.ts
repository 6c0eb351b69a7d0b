import { safeEqual } from "@/lib/crypto/hash";
import { bearerFrom } from "@/lib/http/bearer";

/** Whether an Authorization header carries the metrics bearer token; no token configured means open. */
export function metricsAuthorized(authorization: string | null, token: string | undefined): boolean {
  if (!token) return true;
  const sent = bearerFrom(authorization);
  return sent !== null && safeEqual(sent, token);
}
