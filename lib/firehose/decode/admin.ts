import { z } from "zod";
import { floorDimensionOf, mapDetailsSchema } from "@/lib/firehose/decode/map-details";
import { located, parsed } from "./located";
import { decodeChain, firstIssue, text, zoneOf } from "./primitives";
import { INFO_TYPES, type DecoderEntry, type InfoType, type LocationChangeKind } from "./types";

// Hierarchy, tenant and informational events (Firehose "Event Types": LOCATION_CHANGE, APP_ACTIVATION, APP_DE_ACTIVATION,
// ACCOUNT_ADMIN_CHANGE, KEEP_ALIVE and the types occupancy does not use). The admin's loginEmail and
// every other personal field are never read.

const changeKinds = new Set<string>(["ADD", "UPDATE", "REMOVE", "MOVE"]);

const noDetails = { timeZone: "", mapDetails: null };
const locationChangeSchema = z.object({
  changeType: text,
  locationDetails: z.object({ timeZone: text, mapDetails: mapDetailsSchema }).catch(noDetails).default(noDetails),
});
const activationSchema = z.object({ spacesTenantId: text, partnerTenantId: text, referenceId: text });

const tenantDecoder =
  (type: "APP_ACTIVATION" | "APP_DE_ACTIVATION"): DecoderEntry["decode"] =>
  (p, env) => {
    const r = activationSchema.safeParse(p);
    if (!r.success) return firstIssue(r.error);
    // The payload names the tenant; the envelope's ids stand in where it does not.
    const tenant = {
      spacesTenantId: r.data.spacesTenantId || env.spacesTenantId,
      partnerTenantId: r.data.partnerTenantId || env.partnerTenantId,
      referenceId: r.data.referenceId,
    };
    if (!tenant.spacesTenantId && !tenant.partnerTenantId) return "no tenant id in payload or envelope";
    return { type, tenant };
  };

/** Payload key of each informational type; null where the payload is undocumented and optional. */
const infoKeys: Record<InfoType, string[] | null> = {
  PROFILE_UPDATE: ["deviceProfileUpdate"],
  IOT_USER_ACTION: ["iotUserAction"],
  NETWORK_TELEMETRY: ["networkTelemetry"],
  LOCATION_ANCHOR_UPDATE: ["locationAnchorUpdate"],
  NETWORK_STATUS_UPDATE: ["networkStatusUpdate"],
  BLE_RSSI_UPDATE: ["bleRssiUpdate"],
  ACCOUNT_ADMIN_ACTIVATION: ["accountAdminChange"],
  ACCOUNT_ADMIN_CHANGE: ["accountAdminChange"],
  SPACE_OCCUPANCY_CHANGE: null,
};

const infoDecoders = Object.fromEntries(
  INFO_TYPES.map((type): [string, DecoderEntry] => {
    const keys = infoKeys[type];
    return [
      type,
      {
        keys: keys ?? ["spaceOccupancyChange"],
        payloadOptional: keys === null,
        // The location only feeds the hierarchy here, so a malformed one is dropped, not fatal.
        decode: (p) => ({ type, chain: decodeChain(p.location) }),
      },
    ];
  }),
);

export const adminDecoders: Record<string, DecoderEntry> = {
  KEEP_ALIVE: { keys: null, decode: () => ({ type: "KEEP_ALIVE" }) },
  LOCATION_CHANGE: {
    keys: ["locationHierarchyChange"],
    decode: located(
      parsed(locationChangeSchema, (d, chain) => {
        const change = (changeKinds.has(d.changeType) ? d.changeType : "OTHER") as LocationChangeKind;
        const { timeZone, mapDetails } = d.locationDetails;
        return {
          type: "LOCATION_CHANGE",
          chain,
          change,
          mapId: mapDetails?.mapId ?? "",
          timeZone: zoneOf(timeZone),
          dimension: floorDimensionOf(mapDetails?.dimension),
        };
      }),
    ),
  },
  APP_ACTIVATION: { keys: ["appActivation"], decode: tenantDecoder("APP_ACTIVATION") },
  // Only the enum name is documented: accept the envelope alone, or either spelling of a payload key.
  APP_DE_ACTIVATION: {
    keys: ["appDeActivation", "appDeactivation"],
    payloadOptional: true,
    decode: tenantDecoder("APP_DE_ACTIVATION"),
  },
  ...infoDecoders,
};
