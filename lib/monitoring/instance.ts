import { hostname, networkInterfaces } from "node:os";
import type { InstanceDetails } from "./body";

/** This instance as monitoring/status names it: its first non-loopback IPv4 and a stable id. */
export function instanceDetails(instanceId?: string): InstanceDetails {
  const addresses = Object.values(networkInterfaces()).flatMap((list) => list ?? []);
  const ip = addresses.find((a) => a.family === "IPv4" && !a.internal) ?? addresses.find((a) => a.family === "IPv4");
  return { ipAddress: ip?.address ?? "", instanceId: instanceId ?? hostname() };
}
