import type { IncomingMessage, ServerResponse } from "node:http";
import type { SimContext } from "./context";
import { header, readJson, route, sendJson, type Json, type Route } from "./http";
import { verifyOwnToken } from "./keys";

// /client/v1/partner/*: the public keys and app activation, with the answers and exact messages of
// the Cisco Spaces Partner Ecosystem Guide ("Partner Public Key to validate JWT", "On-Prem Partner App")
// and "Single-Tenant Cloud App - API Integration".

export const MESSAGES = {
  keys: "Successfully fetched partner keys.",
  key: "Successfully fetched partner key.",
  activated: "Successfully activated the on-premise application.",
  invalid: "Activation Token Invalid",
  expired: "Activation Token Expired.",
  reused: (appId: string) => `The on premise application (${appId}) is deactivated due to reactivation is processed.`,
  region: (appId: string) => `Failed to activated the on premise application due to not able to find appId : ${appId}`,
};

export const normaliseUrl = (u: string) => u.trim().replace(/\/+$/, "").toLowerCase();

export function partnerRoutes(ctx: SimContext): Route[] {
  return [
    route("GET", "/client/v1/partner/partnerPublicKey", (_req, res) =>
      sendJson(res, 200, {
        status: true,
        message: MESSAGES.keys,
        data: ctx.keys.map((k) => ({ version: k.version, publicKey: k.publicKeyB64 })),
      }),
    ),
    route("GET", "/client/v1/partner/partnerPublicKey/:version", (_req, res, _url, [version]) => {
      const key = ctx.keys.find((k) => k.version === version);
      if (!key)
        return sendJson(res, 404, {
          status: false,
          message: `Partner key not found for version ${version}`,
          data: null,
        });
      sendJson(res, 200, {
        status: true,
        message: MESSAGES.key,
        data: { version: key.version, publicKey: key.publicKeyB64 },
      });
    }),
    route("POST", "/client/v1/partner/activateSingleTenantCloudApp", (req, res) =>
      activate(ctx, req, res, "single-tenant"),
    ),
    route("POST", "/client/v1/partner/activateOnPremiseApp", (req, res) => activate(ctx, req, res, "on-prem")),
  ];
}

async function activate(ctx: SimContext, req: IncomingMessage, res: ServerResponse, kind: "single-tenant" | "on-prem") {
  const token = (header(req, "authorization") ?? "").replace(/^Bearer\s+/i, "").trim();
  const raw = await readJson(req);
  const body: Json = raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Json) : {};
  const invalid = () => sendJson(res, 400, { status: false, message: MESSAGES.invalid });
  const check = await verifyOwnToken(ctx.keys, token, ctx.wallNow());
  if (!check.ok)
    return check.reason === "expired" ? sendJson(res, 400, { status: false, message: MESSAGES.expired }) : invalid();
  const claims = check.claims;
  const claimAppId = typeof claims.appId === "string" ? claims.appId : "";
  // A token of another region (its baseUrl is not this host), or of an app this region does not know.
  if (
    typeof claims.baseUrl !== "string" ||
    normaliseUrl(claims.baseUrl) !== normaliseUrl(ctx.baseUrl()) ||
    claimAppId !== ctx.appId
  ) {
    return sendJson(res, 404, { status: false, message: MESSAGES.region(claimAppId), data: null });
  }
  if (
    body.appId !== claimAppId ||
    typeof claims.activationRefId !== "string" ||
    body.activationRefId !== claims.activationRefId
  )
    return invalid();
  const tenant = ctx.world.tenants.find((tw) => tw.tenant.tenantId === claims.tenantId);
  if (!tenant) return invalid();
  const result = ctx.activations.activateWithToken({
    ref: claims.activationRefId,
    kind,
    tenant: tenant.tenant.index,
    instanceName: typeof body.instanceName === "string" ? body.instanceName : undefined,
    appDashboardUrl: typeof body.appDashboardUrl === "string" ? body.appDashboardUrl : undefined,
  });
  // Open streams of the deactivated key end by themselves after its APP_DE_ACTIVATION record.
  if ("reused" in result)
    return sendJson(res, 409, { status: false, message: MESSAGES.reused(claimAppId), data: null });
  sendJson(res, 200, { status: true, message: MESSAGES.activated, data: { apiKey: result.apiKey } });
}
