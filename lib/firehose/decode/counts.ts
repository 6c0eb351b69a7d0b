import { z } from "zod";
import { count, countValue, decodeChain, firstIssue, peopleCount, text } from "./primitives";
import { located, NO_LOCATION, parsed } from "./located";
import type { DecoderEntry } from "./types";

// Count events (Firehose "Event Types"): Meraki cameras, Webex/TelePresence people counts, Cisco's space occupancy and
// Wi-Fi device counts. Each is kept with the location it describes; the engine decides which wins.

const deviceCountSchema = z.object({ associatedCount: count, userCount: countValue.optional() });
const cameraCountSchema = z.object({ count });
const rawCameraCountSchema = z.object({ cameraId: text, cameraZoneId: text, count });
const tpPeopleSchema = z.object({ tpDeviceId: text, peopleCount: peopleCount.default(0) });
const iotTelemetrySchema = z.object({
  deviceInfo: z.object({ deviceId: text }).catch({ deviceId: "" }),
  // Only Webex room devices send tpData; other IoT telemetry has no people count.
  tpData: z.object({ peopleCount: peopleCount.default(0) }).optional(),
});
// The telemetry entries' shape is not documented beyond peopleCount: entries that do not fit are ignored.
const webexReading = z.object({ peopleCount: peopleCount.optional() }).catch({});
const webexTelemetrySchema = z.object({
  deviceInfo: z.object({ deviceId: text }).catch({ deviceId: "" }),
  telemetries: z.array(webexReading).catch([]),
});
const spaceOccupancySchema = z.object({
  space: z.object({ id: text }).catch({ id: "" }),
  // PLACEOS models these as nullable: null means "not measured".
  peopleCount: peopleCount.nullable().optional(),
  peoplePresence: z.boolean().nullable().optional(),
});

export const countDecoders: Record<string, DecoderEntry> = {
  DEVICE_COUNT: {
    keys: ["deviceCounts"],
    decode: located(
      parsed(deviceCountSchema, (d, chain) => ({
        type: "DEVICE_COUNT",
        chain,
        associated: d.associatedCount,
        users: d.userCount ?? null,
      })),
    ),
  },
  CAMERA_COUNT: {
    keys: ["cameraCounts"],
    decode: located(parsed(cameraCountSchema, (d, chain) => ({ type: "CAMERA_COUNT", chain, count: d.count }))),
  },
  RAW_CAMERA_COUNT: {
    keys: ["rawCameraCounts"],
    decode: located(
      parsed(rawCameraCountSchema, (d, chain) => ({
        type: "RAW_CAMERA_COUNT",
        chain,
        cameraId: d.cameraId,
        zoneId: d.cameraZoneId,
        count: d.count,
      })),
    ),
  },
  TP_PEOPLE_COUNT_UPDATE: {
    keys: ["tpPeopleCountUpdate"],
    decode: located(
      parsed(tpPeopleSchema, (d, chain) => ({
        type: "TP_PEOPLE_COUNT_UPDATE",
        chain,
        reporter: d.tpDeviceId,
        people: d.peopleCount,
      })),
    ),
  },
  IOT_TELEMETRY: {
    keys: ["iotTelemetry"],
    decode(p) {
      const r = iotTelemetrySchema.safeParse(p);
      if (!r.success) return firstIssue(r.error);
      const people = r.data.tpData ? r.data.tpData.peopleCount : null;
      const chain = decodeChain(p.location);
      if (!chain && people !== null) return NO_LOCATION;
      return { type: "IOT_TELEMETRY", chain, reporter: r.data.deviceInfo.deviceId, people };
    },
  },
  WEBEX_TELEMETRY: {
    keys: ["webexTelemetry"],
    decode: located(
      parsed(webexTelemetrySchema, (d, chain) => {
        let people: number | null = null;
        for (const t of d.telemetries) if (t.peopleCount !== undefined) people = t.peopleCount;
        return { type: "WEBEX_TELEMETRY", chain, reporter: d.deviceInfo.deviceId, people };
      }),
    ),
  },
  SPACE_OCCUPANCY: {
    keys: ["spaceOccupancy"],
    decode: located(
      parsed(spaceOccupancySchema, (d, chain) => {
        // A presence-only space that reports "nobody" is a count of 0; "somebody" is no count at all.
        const people = d.peopleCount ?? (d.peoplePresence === false ? 0 : null);
        return { type: "SPACE_OCCUPANCY", chain, reporter: `space:${d.space.id}`, people };
      }),
    ),
  },
};
