import { openSealed } from "@/lib/crypto/secret-box";

// The seal names the activation and the origin its key is sent to: a row whose base URL was changed
// in the database no longer opens, so the key cannot be redirected to another host.
export const sealContext = (activationRefId: string, baseUrl: string) =>
  `activation:${activationRefId}|${originOf(baseUrl)}`;
/** Keys sealed before the base URL was bound; re-sealed with it the first time they are read. */
export const legacySealContext = (activationRefId: string) => `activation:${activationRefId}`;
const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
};

/** The key of a row, or null when it does not open bound to its base URL (nor with a legacy seal). */
export function openQuietly(dataKey: Buffer, sealed: string, activationRefId: string, baseUrl: string): string | null {
  for (const context of [sealContext(activationRefId, baseUrl), legacySealContext(activationRefId)]) {
    try {
      return openSealed(dataKey, sealed, context);
    } catch {
      /* try the next context */
    }
  }
  return null;
}
