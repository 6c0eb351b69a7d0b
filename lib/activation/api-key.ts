import { createHash } from "node:crypto";
import { assertAllowedBaseUrl } from "@/lib/auth/cisco-jwt";
import { keyTargetCheck } from "@/lib/spaces/regions";
import type { Db } from "@/lib/store/db";
import {
  findActiveActivations,
  removeActivationByRef,
  saveActivation,
  type ActiveActivation,
} from "@/lib/store/activations";

// The getting-started guide's path: a customer with their own Partner Dashboard app sets SPACES_API_KEY
// and SPACES_BASE_URL instead of activating with a token. The key is stored (sealed) like any other
// activation's, once; the same key on the next start reuses that activation.

/** The appId an own-API-key activation is stored under (it has no Cisco app behind it). */
export const OWN_API_KEY_APP_ID = "own-api-key";

// The key names no account, and Cisco refuses REST calls for a made-up partnerTenantId: until the
// stream's first record tells the account's real id (lib/ingest/key-stream.ts), the tenant is stored
// under this placeholder, and nothing is asked of Cisco in its name.
const PENDING = "pending:";
export const isPendingPartnerTenant = (partnerTenantId: string) => partnerTenantId.startsWith(PENDING);

export interface ApiKeyOptions {
  apiKey: string;
  baseUrl: string;
  allowedBaseUrls: string[];
  /** The account's partner tenant id when known; the Firehose records carry it too. */
  partnerTenantId?: string;
  tenantName?: string;
  /** Seals the API key at rest (lib/crypto/data-key.ts resolveDataKey of the configuration). */
  dataKey: Buffer;
}

export async function ensureApiKeyActivation(db: Db, o: ApiKeyOptions): Promise<ActiveActivation> {
  const baseUrl = assertAllowedBaseUrl(o.baseUrl, o.allowedBaseUrls);
  const dataKey = o.dataKey;
  // A fingerprint, not the key: the reference is stored in clear.
  const ref = `api-key:${createHash("sha256").update(o.apiKey).digest("hex").slice(0, 24)}`;
  const existing = (
    await findActiveActivations(db, dataKey, { refuseBaseUrl: keyTargetCheck(o.allowedBaseUrls) })
  ).find((a) => a.apiKey === o.apiKey && a.baseUrl === baseUrl);
  if (existing) return existing;
  await removeActivationByRef(db, ref); // deactivated earlier or another region: start over
  return saveActivation(
    db,
    {
      kind: "single-tenant",
      appId: OWN_API_KEY_APP_ID,
      activationRefId: ref,
      baseUrl,
      apiKey: o.apiKey,
      partnerTenantId: o.partnerTenantId ?? `${PENDING}${ref}`,
      tenantName: o.tenantName ?? "My Cisco Spaces account",
    },
    dataKey,
  );
}
