import { safeEqual } from "@/lib/crypto/hash";
import { bearerFrom } from "@/lib/http/bearer";
import { isUnrelayedLocal } from "@/lib/http/proxy-headers";

/**
 * Whether a request may read /metrics: with METRICS_TOKEN set, it must carry it as a bearer token;
 * without one, only a scraper on this machine that no proxy relayed (a proxy in front would otherwise
 * publish the figures to everyone).
 */
export function metricsAuthorized(header: (name: string) => string | null, token: string | undefined): boolean {
  if (!token) return isUnrelayedLocal(header);
  const sent = bearerFrom(header("authorization"));
  return sent !== null && safeEqual(sent, token);
}
