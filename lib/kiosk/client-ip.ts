import { clientAddress } from "@/lib/http/client-address";

// The visitor's address on the venue network, for Devices Lookup's clientIP: the address the trusted
// proxy hop saw (lib/http/client-address), never one the client wrote itself.

export function visitorIp(h: { get(name: string): string | null }, proxyHops: number): string | null {
  return clientAddress(h, proxyHops);
}
