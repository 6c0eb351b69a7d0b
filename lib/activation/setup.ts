import { z } from "zod";
import { activateWithToken } from "@/lib/activation/activate";
import { peekActivationToken } from "@/lib/activation/activation-token";
import { listActivations, type ActivationSummary } from "@/lib/store/activations";
import { findTenantById, setUserTenant } from "@/lib/store/users";
import { isLoopbackHost } from "@/lib/auth/demo";
import { AppError } from "@/lib/errors";
import type { Principal } from "@/lib/auth/principal";
import type { AuthRegistry } from "@/lib/auth/registry";

// POST /api/setup/activate: single-tenant cloud or on-prem activation with a pasted token.

const launchUrl = z.url().refine((u) => {
  const url = new URL(u);
  return url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.host));
}, "The App Launch URL must use https:// (http:// only on this machine)");

export const setupBodySchema = z
  .object({
    activationToken: z.string().trim().min(20, "Paste the activation token from Cisco Spaces.").max(8192),
    kind: z.enum(["single-tenant", "on-prem"]),
    appLaunchUrl: launchUrl.optional(),
    instanceName: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

export async function activateForOrThrow(
  principal: Principal,
  input: z.infer<typeof setupBodySchema>,
  reg: AuthRegistry,
): Promise<ActivationSummary> {
  const { db, auth } = reg;
  const log = auth.log;
  const s = auth.settings;
  // Checked before anything is sent to Cisco: a token for another organisation would be spent for nothing.
  const claims = peekActivationToken(input.activationToken);
  if (principal.tenantId) {
    const tenant = await findTenantById(db, principal.tenantId);
    if (tenant && tenant.partnerTenantId !== claims.partnerTenantId) {
      throw new AppError(
        "TENANT_MISMATCH",
        `This token activates Cisco Spaces account ${claims.customer || claims.partnerTenantId}, not ${tenant.name}, the one you manage here.`,
      );
    }
  }
  const activation = await activateWithToken({
    token: input.activationToken,
    kind: input.kind,
    allowedBaseUrls: s.allowedBaseUrls,
    regionBaseUrl: s.regionBaseUrl,
    expectedAppId: s.appId,
    dashboardUrl: input.kind === "single-tenant" ? (input.appLaunchUrl ?? `${s.publicUrl}/auth/appLogin`) : undefined,
    instanceName: input.instanceName,
    db,
    log,
    keys: auth.keys,
    fetch: auth.fetch,
    now: auth.now,
    dataKey: auth.dataKey,
  });
  if (principal.kind === "session" && !principal.tenantId) {
    await setUserTenant(db, principal.userId, activation.tenantId);
  }
  try {
    if (reg.activations) await reg.activations.onActivated(activation);
    else
      log.warn(
        { activationId: activation.id },
        "no ingest wired for new activations: its stream starts at the next restart",
      );
  } catch (e) {
    log.error({ err: e, activationId: activation.id }, "the new activation's stream did not start");
  }
  // Read back: starting the stream may already have changed its status.
  const summary = (await listActivations(db, activation.tenantId)).find((a) => a.id === activation.id);
  if (!summary) throw new Error(`activation ${activation.id} vanished right after it was saved`);
  return summary;
}
