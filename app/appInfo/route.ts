import { rateLimitOrThrow, retryAfterHeaders } from "@/lib/http/rate-limit";
import { verifyAccessToken } from "@/lib/auth/oauth";
import { bearerToken } from "@/lib/http/bearer";
import { authRegistryOrThrow } from "@/lib/auth/registry";
import { ensureOAuthActivation } from "@/lib/store/activations";
import { findTenantByPartnerId } from "@/lib/store/tenants";

// The App Info URL: Cisco Spaces asks, with our access token, which account it just connected to.
// Answering it completes the mapping between the Cisco tenant and our account.
const bearerError = (status: number, error: string, description: string) =>
  Response.json(
    { error, error_description: description },
    {
      status,
      headers: {
        "Cache-Control": "no-store",
        ...(status === 401
          ? { "WWW-Authenticate": `Bearer error="${error}", error_description="${description}"` }
          : {}),
      },
    },
  );

export async function GET(req: Request) {
  const reg = authRegistryOrThrow();
  const { db, auth } = reg;
  const log = auth.log;
  const s = auth.settings;
  try {
    await rateLimitOrThrow(auth.limits.auth, req, s.proxyHops);
  } catch (e) {
    return Response.json(
      { error: "slow_down", error_description: (e as Error).message },
      { status: 429, headers: retryAfterHeaders(e) },
    );
  }
  const token = bearerToken(req);
  if (!token) return bearerError(401, "invalid_token", "A Bearer access token is required");
  const claims = await verifyAccessToken(auth.accessTokenKey, token, {
    clientId: s.oauth.clientId,
    issuer: new URL(s.publicUrl).origin,
    now: auth.now(),
  });
  if (!claims) return bearerError(401, "invalid_token", "The access token is invalid or expired");
  const asked = new URL(req.url).searchParams.get("partnerTenantId");
  if (!asked) return bearerError(400, "invalid_request", "partnerTenantId is required");
  if (asked !== claims.partnerTenantId)
    return bearerError(403, "insufficient_scope", "The access token is for another partnerTenantId");
  const tenant = await findTenantByPartnerId(db, claims.partnerTenantId);
  if (!tenant) return bearerError(401, "invalid_token", "The account behind this token no longer exists");
  // A multi-tenant app reads every customer on its partner key, in its own region: the activation keeps both.
  const partner = auth.partnerApp;
  if (partner && partner.baseUrl !== claims.region)
    log.warn(
      { region: claims.region, appRegion: partner.baseUrl },
      "OAuth activation from another region than the app's: served from the app's region",
    );
  const activationId = await ensureOAuthActivation(
    db,
    {
      tenantId: tenant.id,
      appId: s.appId ?? "multi-tenant",
      baseUrl: partner?.baseUrl ?? claims.region,
      partnerKey: partner?.apiKey ?? null,
    },
    auth.dataKey,
  );
  log.info(
    { partnerTenantId: claims.partnerTenantId, activationId, streamed: Boolean(partner) },
    "Cisco Spaces read our app info: OAuth activation recorded",
  );
  // This node's ingest starts the tenant at once; the others find it on their next activation poll.
  await reg.activations?.changed();
  return Response.json(
    {
      partnerTenantId: claims.partnerTenantId,
      userEmail: claims.email,
      ...(s.supportEmail ? { supportEmail: s.supportEmail } : {}),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
