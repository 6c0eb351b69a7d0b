import { keyTargetCheck } from "@/lib/spaces/regions";
import { AppError } from "@/lib/errors";
import type { AuthRegistry } from "@/lib/auth/registry";
import { createSpacesClient, SpacesError } from "@/lib/spaces/client";
import { findActiveActivations } from "@/lib/store/activations";

// Reads and writes the tenant's MAC filters at Cisco Spaces with its activation's API key. Nothing of
// the list is stored here: Cisco holds it, and Cisco stops sending the devices it names.

export interface ExcludedDevices {
  macFilter: string[];
  account: string;
}

async function tenantSpacesOrThrow(reg: AuthRegistry, tenantId: string) {
  const mine = (
    await findActiveActivations(reg.db, reg.auth.dataKey, {
      refuseBaseUrl: keyTargetCheck(reg.auth.settings.allowedBaseUrls),
    })
  ).filter((a) => a.tenantId === tenantId);
  const a = mine[0];
  if (!a)
    throw new AppError(
      "NOT_ACTIVATED",
      "No Cisco Spaces activation with an API key is connected to this account, so there is no list to manage.",
    );
  return { a, client: createSpacesClient(a.baseUrl, reg.auth.fetch) };
}

const unreachable = (e: unknown): never => {
  if (e instanceof SpacesError || (e instanceof Error && (e.name === "TimeoutError" || e.name === "TypeError"))) {
    throw new AppError("SPACES_UNREACHABLE", `Cisco Spaces did not answer as expected: ${e.message}`);
  }
  throw e;
};

export async function readExcludedDevices(reg: AuthRegistry, tenantId: string): Promise<ExcludedDevices> {
  const { a, client } = await tenantSpacesOrThrow(reg, tenantId);
  const macFilter = await client.getMacFilters(a.apiKey, a.partnerTenantId).catch(unreachable);
  return { macFilter, account: a.tenantName };
}

export async function writeExcludedDevices(
  reg: AuthRegistry,
  tenantId: string,
  patterns: string[],
): Promise<ExcludedDevices> {
  const { a, client } = await tenantSpacesOrThrow(reg, tenantId);
  const macFilter = await client.putMacFilters(a.apiKey, a.partnerTenantId, patterns).catch(unreachable);
  // The count only: the entries themselves are personal data and stay out of our logs.
  reg.auth.log.info({ entries: macFilter.length }, "excluded devices saved at Cisco Spaces");
  return { macFilter, account: a.tenantName };
}
