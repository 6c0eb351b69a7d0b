import { z } from "zod";
import { located, parsed } from "./located";
import { coordinate, count, countValue, id, narrowCoordinate, text, zoneOf } from "./primitives";
import type { DecoderEntry, Presence } from "./types";

// Per-device events (Firehose "Event Types": DEVICE_LOCATION_UPDATE, DEVICE_ENTRY, DEVICE_EXIT, DEVICE_PRESENCE) and
// USER_PRESENCE. Of the Device object only deviceId is read: MAC, e-mail, names and phone never leave here.

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

/** DEVICE_ENTRY and DEVICE_EXIT: which device, where, and the venue's zone. */
const deviceStep = (type: "DEVICE_ENTRY" | "DEVICE_EXIT") =>
  located(
    parsed(deviceEventSchema, (d, chain, p) => ({
      type,
      chain,
      deviceId: d.device.deviceId,
      timeZone: zoneOf(p.timeZone),
    })),
  );

const parseDeviceLocation = parsed(deviceLocationSchema, (d, chain) => ({
  type: "DEVICE_LOCATION_UPDATE",
  chain,
  deviceId: d.device.deviceId,
  mapId: d.mapId,
  x: d.xPos,
  y: d.yPos,
}));

export const deviceDecoders: Record<string, DecoderEntry> = {
  DEVICE_LOCATION_UPDATE: {
    keys: ["deviceLocationUpdate"],
    decode: located((p, chain) => {
      // Nearly every record is this type: its well-formed shape is read without zod (same output).
      const fast = narrowDeviceLocation(p);
      return fast ? { type: "DEVICE_LOCATION_UPDATE", chain, ...fast } : parseDeviceLocation(p, chain);
    }),
  },
  DEVICE_ENTRY: { keys: ["deviceEntry"], decode: deviceStep("DEVICE_ENTRY") },
  DEVICE_EXIT: { keys: ["deviceExit"], decode: deviceStep("DEVICE_EXIT") },
  DEVICE_PRESENCE: {
    keys: ["devicePresence"],
    decode: located(
      parsed(devicePresenceSchema, (d, chain, p) => ({
        type: "DEVICE_PRESENCE",
        chain,
        deviceId: d.device.deviceId,
        presence: devicePresenceSteps[d.presenceEventType] ?? "other",
        activeDevices: d.activeDevicesCount ?? null,
        inactiveDevices: d.inActiveDevicesCount ?? null,
        timeZone: zoneOf(p.timeZone),
      })),
    ),
  },
  USER_PRESENCE: {
    keys: ["userPresence"],
    decode: located(
      parsed(userPresenceSchema, (d, chain, p) => ({
        type: "USER_PRESENCE",
        chain,
        presence: userPresenceSteps[d.presenceEventType] ?? "other",
        activeUsers: usersOf(d.activeUsersCount),
        inactiveUsers: usersOf(d.inActiveUsersCount),
        timeZone: zoneOf(p.timeZone),
      })),
    ),
  },
};
