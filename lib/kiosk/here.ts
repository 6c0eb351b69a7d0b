import { keyTargetCheck } from "@/lib/spaces/regions";
import { isWithinScope } from "@/lib/auth/scope";
import type { KioskTokenView } from "@/lib/auth/kiosk-tokens";
import type { DeviceLocation } from "@/lib/registry";
import { createSpacesClient } from "@/lib/spaces/client";
import { findActiveActivations } from "@/lib/store/activations";
import type { Db } from "@/lib/store/db";

// "You are here": which device is this visitor's phone (Cisco's Devices Lookup, by the phone's address
// on the venue network) and where the stream last placed it. Nothing about the phone is kept: every
// question asks Cisco again, and neither the address nor the deviceId is stored or logged.

export type HereAnswer =
  | { state: "here"; floorId: string; x: number; y: number; zoneId: string | null }
  /** Cisco does not know this address on the venue network (404), or it is another customer's (403). */
  | { state: "not-on-network"; reason: "unknown-device" | "other-venue" | "no-address" }
  /** The phone is known, but not on a floor map of this display's area right now. */
  | { state: "not-placed" }
  | { state: "unavailable"; reason: string };

export interface HereDeps {
  db: Db;
  /** Unseals the activation's API key (AuthContext.dataKey). */
  dataKey: Buffer;
  kiosk: KioskTokenView;
  clientIp: string | null;
  venueIp: string | null;
  /** Asks the ingest (on this thread or the ingest thread). */
  locate: ((tenantId: string, deviceId: string) => DeviceLocation | null | Promise<DeviceLocation | null>) | undefined;
  /** Origins an API key may be sent to (AuthSettings.allowedBaseUrls), checked again on this use. */
  allowedOrigins: readonly string[];
  fetch?: typeof fetch;
}

export async function findVisitor(d: HereDeps): Promise<HereAnswer> {
  if (!d.clientIp) return { state: "not-on-network", reason: "no-address" };
  if (!d.venueIp)
    return {
      state: "unavailable",
      reason: "This Floorpulse does not know the venue network's address (VENUE_PUBLIC_IP).",
    };
  if (!d.locate) return { state: "unavailable", reason: "Positions are not available on this server." };
  const activation = (
    await findActiveActivations(d.db, d.dataKey, {
      refuseBaseUrl: keyTargetCheck(d.allowedOrigins),
    })
  ).find((a) => a.tenantId === d.kiosk.tenantId);
  if (!activation) return { state: "unavailable", reason: "This venue is not connected to Cisco Spaces right now." };
  const client = createSpacesClient(activation.baseUrl, d.fetch);
  let found: Awaited<ReturnType<typeof client.lookupDevice>>;
  try {
    found = await client.lookupDevice(activation.apiKey, activation.partnerTenantId, d.venueIp, d.clientIp);
  } catch {
    return { state: "unavailable", reason: "Cisco Spaces could not be asked just now; trying again." };
  }
  if (!found.found)
    return {
      state: "not-on-network",
      reason: found.status === 403 ? "other-venue" : found.status === 400 ? "no-address" : "unknown-device",
    };
  const at = await d.locate(d.kiosk.tenantId, found.deviceId);
  if (!at || !(await isWithinScope(d.db, d.kiosk.tenantId, d.kiosk.locationId, at.floorId)))
    return { state: "not-placed" };
  return {
    state: "here",
    floorId: at.floorId,
    x: at.x,
    y: at.y,
    zoneId: at.locationId !== at.floorId ? at.locationId : null,
  };
}
