import { isIP } from "node:net";

// The visitor's address on the venue network, for Devices Lookup's clientIP. It is the TCP peer
// (server.ts puts it in x-floorpulse-client-ip), or, only when TRUST_PROXY is on, the first address
// in X-Forwarded-For that our reverse proxy added. Nothing else a client sends is believed.

export function visitorIp(h: { get(name: string): string | null }, trustProxy: boolean, peerHeader: string): string | null {
  const forwarded = trustProxy ? h.get("x-forwarded-for")?.split(",")[0]?.trim() : undefined;
  const raw = forwarded || h.get(peerHeader) || "";
  // An IPv4 client of a dual-stack socket shows as ::ffff:a.b.c.d; Cisco knows it as a.b.c.d.
  const ip = raw.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  return isIP(ip) ? ip : null;
}
