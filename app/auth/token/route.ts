import { AppError } from "@/lib/errors";
import { readFields } from "@/lib/http/body";
import { rateLimitOrThrow, takeOrThrow } from "@/lib/http/rate-limit";
import {
  ACCESS_TOKEN_TTL_SEC,
  authenticateClientOrThrow,
  claimedClientId,
  OAuthError,
  oauthErrorResponse,
  redeemCodeOrThrow,
  signAccessToken,
} from "@/lib/auth/oauth";
import { regionBaseForRedirect } from "@/lib/auth/redirect-uris";
import { authRegistryOrThrow } from "@/lib/auth/registry";
import { findUserRowById } from "@/lib/store/users";

// The OAuth Token URL: Cisco Spaces trades the code for an access token (form-encoded or JSON body).
export async function POST(req: Request) {
  const { db, auth } = authRegistryOrThrow();
  const log = auth.log;
  const s = auth.settings;
  try {
    await rateLimitOrThrow(auth.limits.auth, req, s.proxyHops);
    const f = await readFields(req);
    // Per client_id as well as per address, before the secret is checked: guessing one client's
    // secret from many addresses runs out too.
    // Every spelling of our client id counts against it; any other id shares one budget of strangers.
    const claimed = claimedClientId(f, req.headers.get("authorization"));
    await takeOrThrow(auth.limits.auth, `client:${claimed === s.oauth.clientId ? claimed : "(other)"}`);
    const clientId = authenticateClientOrThrow(f, req.headers.get("authorization"), s);
    if (f.grant_type !== "authorization_code")
      throw new OAuthError("unsupported_grant_type", "Only grant_type=authorization_code is supported.");
    if (typeof f.code !== "string" || typeof f.redirect_uri !== "string")
      throw new OAuthError("invalid_request", "code and redirect_uri are required.");
    const now = auth.now();
    const grant = await redeemCodeOrThrow(db, { code: f.code, clientId, redirectUri: f.redirect_uri, now });
    const user = await findUserRowById(db, grant.userId);
    if (!user) throw new OAuthError("invalid_grant", "The user behind this code no longer exists.");
    const region = regionBaseForRedirect(
      grant.redirectUri,
      s.allowedBaseUrls,
      s.regionBaseUrl ?? s.allowedBaseUrls[0]!,
    );
    const accessToken = await signAccessToken(auth.accessTokenKey, {
      userId: user.id,
      email: user.email,
      partnerTenantId: grant.partnerTenantId,
      region,
      clientId,
      issuer: new URL(s.publicUrl).origin,
      now,
    });
    log.info({ userId: user.id, partnerTenantId: grant.partnerTenantId }, "OAuth access token issued");
    return Response.json(
      {
        access_token: accessToken,
        token_type: "Bearer",
        scope: grant.partnerTenantId,
        expires_in: ACCESS_TOKEN_TTL_SEC,
      },
      { headers: { "Cache-Control": "no-store", Pragma: "no-cache" } },
    );
  } catch (e) {
    if (!(e instanceof OAuthError) && !(e instanceof AppError)) throw e;
    log.warn({ error: e instanceof OAuthError ? e.error : e.code, reason: e.message }, "OAuth token request refused");
    return oauthErrorResponse(e);
  }
}
