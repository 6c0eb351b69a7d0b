import { z } from "zod";
import { decodeChain, type LocationNode } from "@/lib/firehose/decode/primitives";
import {
  dimensionSchema,
  floorDimensionOf,
  mapDetailsSchema,
  type FloorDimension,
} from "@/lib/firehose/decode/map-details";

// Typed client for the Cisco Spaces REST calls we use. It takes its base URL and fetch; reads no env.

type Fetch = typeof fetch;

export class SpacesError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const envelope = <T extends z.ZodType>(data: T) =>
  z.object({ status: z.boolean(), message: z.string().catch(""), data: data.nullish() });
const keySchema = z.object({ version: z.string(), publicKey: z.string().min(1) });
const activationData = z.object({ apiKey: z.string().min(1) });
export const mapInfoSchema = z.object({
  mapId: z.string(),
  imageWidth: z.number().int().positive(),
  imageHeight: z.number().int().positive(),
  /** Not in the documented Map Image Info; read when a deployment sends it, never relied on. */
  dimension: dimensionSchema,
});
export type MapInfo = z.infer<typeof mapInfoSchema>;
const macFilterSchema = z.object({ macFilter: z.array(z.string()).nullish() });
const locationInfoSchema = z.object({
  location: z.unknown(),
  locationDetails: z
    .object({ timeZone: z.string().catch(""), mapDetails: mapDetailsSchema })
    .nullish()
    .catch(null),
});

/** Location Info, as far as we use it. */
export interface LocationInfoAnswer {
  /** The location, most specific first, with its parent chain. */
  chain: LocationNode[];
  /** IANA zone, or "" when Cisco sends none. */
  timeZone: string;
  /** The floor's map and its size in feet, when Cisco sends mapDetails. */
  map: { mapId: string; dimension: FloorDimension | null } | null;
}

const lookupSchema = z.object({ deviceId: z.string().min(1).max(200) });

const TIMEOUT_MS = 10_000;

export function createSpacesClient(baseUrl: string, fetchImpl: Fetch = fetch) {
  const base = baseUrl.replace(/\/+$/, "");
  const call = (path: string, init: RequestInit = {}) =>
    fetchImpl(`${base}${path}`, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: "error" });

  /** GET or PUT of the tenant's Firehose MAC filters: devices matching them never reach the stream. */
  const macFilters = async (apiKey: string, partnerTenantId: string, put?: string[]): Promise<string[]> => {
    const res = await call(`/api/partners/v1/firehose/filters?partnerTenantId=${encodeURIComponent(partnerTenantId)}`, {
      method: put ? "PUT" : "GET",
      headers: { "X-API-KEY": apiKey, ...(put ? { "Content-Type": "application/json" } : {}) },
      body: put ? JSON.stringify({ macFilter: put }) : undefined,
    });
    const parsed = macFilterSchema.safeParse(await res.json().catch(() => null));
    // The guide documents an invalid body as "404 BAD REQUEST".
    if (!res.ok)
      throw new SpacesError(
        `MAC filters: Cisco Spaces answered HTTP ${res.status}${res.status === 404 && put ? " (it refused the list)" : ""}`,
        res.status,
      );
    if (!parsed.success) throw new SpacesError("MAC filters: unexpected answer from Cisco Spaces", res.status);
    return parsed.data.macFilter ?? put ?? [];
  };

  return {
    baseUrl: base,

    getMacFilters: (apiKey: string, partnerTenantId: string) => macFilters(apiKey, partnerTenantId),
    putMacFilters: (apiKey: string, partnerTenantId: string, patterns: string[]) =>
      macFilters(apiKey, partnerTenantId, patterns),

    /** The PEM public key of one version from partnerPublicKey/:version. */
    async getPublicKeyPem(version: string): Promise<string> {
      const res = await call(`/client/v1/partner/partnerPublicKey/${encodeURIComponent(version)}`);
      const body = envelope(keySchema).safeParse(await res.json().catch(() => null));
      if (!res.ok || !body.success || !body.data.status || !body.data.data) {
        throw new SpacesError(`partnerPublicKey ${version} unavailable (HTTP ${res.status})`, res.status);
      }
      const b64 = body.data.data.publicKey.replace(/\s+/g, "");
      return `-----BEGIN PUBLIC KEY-----\n${b64.match(/.{1,64}/g)!.join("\n")}\n-----END PUBLIC KEY-----`;
    },

    /** Trades an activation token for an API key; throws with Cisco's message when it refuses. */
    async activate(
      kind: "single-tenant" | "on-prem",
      token: string,
      body: { appId: string; activationRefId: string; appDashboardUrl?: string; instanceName?: string },
    ) {
      const path = kind === "on-prem" ? "activateOnPremiseApp" : "activateSingleTenantCloudApp";
      const res = await call(`/client/v1/partner/${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      const parsed = envelope(activationData).safeParse(await res.json().catch(() => null));
      if (!parsed.success)
        throw new SpacesError(`activation answered HTTP ${res.status} with an unexpected body`, res.status);
      if (!parsed.data.status || !parsed.data.data)
        throw new SpacesError(parsed.data.message || `activation failed (HTTP ${res.status})`, res.status);
      return { apiKey: parsed.data.data.apiKey, message: parsed.data.message };
    },

    async getMapInfo(apiKey: string, partnerTenantId: string, mapId: string): Promise<MapInfo> {
      const res = await call(
        `/api/partners/v1/maps/${encodeURIComponent(mapId)}?partnerTenantId=${encodeURIComponent(partnerTenantId)}`,
        {
          headers: { "X-API-KEY": apiKey },
        },
      );
      if (!res.ok) throw new SpacesError(`map info ${mapId}: HTTP ${res.status}`, res.status);
      const parsed = mapInfoSchema.safeParse(await res.json().catch(() => null));
      if (!parsed.success) throw new SpacesError(`map info ${mapId}: unexpected body`, res.status);
      return parsed.data;
    },

    /**
     * Location Info (Cisco Spaces Partner Ecosystem Guide, Firehose Supporting APIs): the location with
     * its parent chain, its time zone and, for a floor, its map. 404: no such location; 403: not this
     * tenant's (both documented); other failures throw.
     */
    async getLocationInfo(
      apiKey: string,
      partnerTenantId: string,
      locationId: string,
    ): Promise<{ found: true; info: LocationInfoAnswer } | { found: false; status: 403 | 404 }> {
      const res = await call(
        `/api/partners/v1/locations/${encodeURIComponent(locationId)}?partnerTenantId=${encodeURIComponent(partnerTenantId)}`,
        {
          headers: { "X-API-KEY": apiKey },
        },
      );
      if (res.status === 403 || res.status === 404) {
        await res.body?.cancel();
        return { found: false, status: res.status };
      }
      if (!res.ok) throw new SpacesError(`location info ${locationId}: HTTP ${res.status}`, res.status);
      const parsed = locationInfoSchema.safeParse(await res.json().catch(() => null));
      const chain = parsed.success ? decodeChain(parsed.data.location) : null;
      if (!parsed.success || !chain) throw new SpacesError(`location info ${locationId}: unexpected body`, res.status);
      const details = parsed.data.locationDetails;
      const md = details?.mapDetails;
      return {
        found: true,
        info: {
          chain,
          timeZone: details?.timeZone ?? "",
          map: md ? { mapId: md.mapId, dimension: floorDimensionOf(md.dimension) } : null,
        },
      };
    },

    /**
     * Devices Lookup: the Cisco deviceId of the device at `clientIP` on the venue network whose public
     * address is `remoteIP`. 404: no such device; 403: not this tenant's (both documented); other
     * failures throw.
     */
    async lookupDevice(
      apiKey: string,
      partnerTenantId: string,
      remoteIP: string,
      clientIP: string,
    ): Promise<{ found: true; deviceId: string } | { found: false; status: 400 | 403 | 404 }> {
      const q = new URLSearchParams({ partnerTenantId, remoteIP, clientIP });
      const res = await call(`/api/partners/v1/devices/lookup?${q}`, { headers: { "X-API-KEY": apiKey } });
      if (res.status === 400 || res.status === 403 || res.status === 404) {
        await res.body?.cancel();
        return { found: false, status: res.status };
      }
      if (!res.ok) throw new SpacesError(`devices lookup: HTTP ${res.status}`, res.status);
      const parsed = lookupSchema.safeParse(await res.json().catch(() => null));
      if (!parsed.success) throw new SpacesError("devices lookup: unexpected body", res.status);
      return { found: true, deviceId: parsed.data.deviceId };
    },

    /** The map image; `null` when the ETag we hold is still current. */
    async getMapImage(apiKey: string, partnerTenantId: string, mapId: string, etag?: string | null) {
      const headers: Record<string, string> = { "X-API-KEY": apiKey };
      if (etag) headers["If-None-Match"] = etag;
      const res = await call(
        `/api/partners/v1/maps/${encodeURIComponent(mapId)}/image?partnerTenantId=${encodeURIComponent(partnerTenantId)}`,
        { headers },
      );
      if (res.status === 304) return null;
      if (!res.ok) throw new SpacesError(`map image ${mapId}: HTTP ${res.status}`, res.status);
      return {
        bytes: new Uint8Array(await res.arrayBuffer()),
        contentType: res.headers.get("content-type") ?? "application/octet-stream",
        etag: res.headers.get("etag"),
      };
    },
  };
}

export type SpacesClient = ReturnType<typeof createSpacesClient>;
