import { z } from "zod";
import {
  coordinate,
  count,
  countValue,
  decodeChain,
  firstIssue,
  id,
  narrowCoordinate,
  text,
  zoneOf,
} from "./primitives";
import type { DecoderEntry, Presence } from "./types";

// Per-device events (Firehose "Event Types": DEVICE_LOCATION_UPDATE, DEVICE_ENTRY, DEVICE_EXIT, DEVICE_PRESENCE) and
// USER_PRESENCE. Of the Device object only deviceId is read: MAC, e-mail, names and phone never leave here.

const NO_LOCATION = "location missing or malformed";
const device = z.object({ deviceId: id });

const devicePresenceSteps: Record<string, Presence> = {
  DEVICE_ENTRY_EVENT: "entry",
  DEVICE_ACTIVE_EVENT: "active",
  DEVICE_IN_ACTIVE_EVENT: "inactive",
  DEVICE_EXIT_EVENT: "exit",
};
const userPresenceSteps: Record<string, Presence> = {
  USER_ENTRY_EVENT: "entry",
  USER_ACTIVE_EVENT: "active",
  USER_IN_ACTIVE_EVENT: "inactive",
  USER_EXIT_EVENT: "exit",
};

const deviceLocationSchema = z.object({
  device,
  mapId: text,
  xPos: coordinate,
  yPos: coordinate,
});
const deviceEventSchema = z.object({ device });
const devicePresenceSchema = z.object({
  presenceEventType: text,
  device,
  // Absent means the record carries no count (older producers), not "zero devices".
  activeDevicesCount: countValue.optional(),
  inActiveDevicesCount: countValue.optional(),
});
const usersCount = z.object({ usersWithUserId: count, usersWithoutUserId: count, totalUsers: countValue.optional() });
const userPresenceSchema = z.object({
  presenceEventType: text,
  activeUsersCount: usersCount.optional(),
  inActiveUsersCount: usersCount.optional(),
});
const usersOf = (c: z.infer<typeof usersCount> | undefined) =>
  c ? (c.totalUsers ?? c.usersWithUserId + c.usersWithoutUserId) : null;

/** deviceLocationSchema's fields for a payload of the documented types; null when zod must decide. */
function narrowDeviceLocation(p: Record<string, unknown>) {
  const d = p.device;
  if (typeof d !== "object" || d === null || Array.isArray(d)) return null;
  const deviceId = (d as { deviceId?: unknown }).deviceId;
  if (typeof deviceId !== "string" || !deviceId) return null;
  const x = narrowCoordinate(p.xPos);
  const y = narrowCoordinate(p.yPos);
  if (x === null || y === null || (p.mapId !== undefined && typeof p.mapId !== "string")) return null;
  return { deviceId, mapId: p.mapId ?? "", x, y };
}

export const deviceDecoders: Record<string, DecoderEntry> = {
  DEVICE_LOCATION_UPDATE: {
    keys: ["deviceLocationUpdate"],
    decode(p) {
      const chain = decodeChain(p.location);
      if (!chain) return NO_LOCATION;
      // Nearly every record is this type: its well-formed shape is read without zod (same output).
      const fast = narrowDeviceLocation(p);
      if (fast) return { type: "DEVICE_LOCATION_UPDATE", chain, ...fast };
      const r = deviceLocationSchema.safeParse(p);
      if (!r.success) return firstIssue(r.error);
      const d = r.data;
      return {
        type: "DEVICE_LOCATION_UPDATE",
        chain,
        deviceId: d.device.deviceId,
        mapId: d.mapId,
        x: d.xPos,
        y: d.yPos,
      };
    },
  },
  DEVICE_ENTRY: {
    keys: ["deviceEntry"],
    decode(p) {
      const chain = decodeChain(p.location);
      if (!chain) return NO_LOCATION;
      const r = deviceEventSchema.safeParse(p);
      return r.success
        ? { type: "DEVICE_ENTRY", chain, deviceId: r.data.device.deviceId, timeZone: zoneOf(p.timeZone) }
        : firstIssue(r.error);
    },
  },
  DEVICE_EXIT: {
    keys: ["deviceExit"],
    decode(p) {
      const chain = decodeChain(p.location);
      if (!chain) return NO_LOCATION;
      const r = deviceEventSchema.safeParse(p);
      return r.success
        ? { type: "DEVICE_EXIT", chain, deviceId: r.data.device.deviceId, timeZone: zoneOf(p.timeZone) }
        : firstIssue(r.error);
    },
  },
  DEVICE_PRESENCE: {
    keys: ["devicePresence"],
    decode(p) {
      const chain = decodeChain(p.location);
      if (!chain) return NO_LOCATION;
      const r = devicePresenceSchema.safeParse(p);
      if (!r.success) return firstIssue(r.error);
      const presence = devicePresenceSteps[r.data.presenceEventType] ?? "other";
      const d = r.data;
      return {
        type: "DEVICE_PRESENCE",
        chain,
        deviceId: d.device.deviceId,
        presence,
        activeDevices: d.activeDevicesCount ?? null,
        inactiveDevices: d.inActiveDevicesCount ?? null,
        timeZone: zoneOf(p.timeZone),
      };
    },
  },
  USER_PRESENCE: {
    keys: ["userPresence"],
    decode(p) {
      const chain = decodeChain(p.location);
      if (!chain) return NO_LOCATION;
      const r = userPresenceSchema.safeParse(p);
      if (!r.success) return firstIssue(r.error);
      const presence = userPresenceSteps[r.data.presenceEventType] ?? "other";
      return {
        type: "USER_PRESENCE",
        chain,
        presence,
        activeUsers: usersOf(r.data.activeUsersCount),
        inactiveUsers: usersOf(r.data.inActiveUsersCount),
        timeZone: zoneOf(p.timeZone),
      };
    },
  },
};
