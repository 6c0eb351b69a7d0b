import { isIP } from "node:net";
import { CLIENT_IP_HEADER } from "./headers";

// Who sent a request. Without a trusted proxy it is the TCP peer (server.ts puts it in CLIENT_IP_HEADER
// and drops any copy a client sent). Behind `hops` trusted proxies it is the X-Forwarded-For entry the
// outermost of them appended: each proxy appends the address it saw, so that entry sits `hops` from
// the right. Everything to its left was written by the client and is never believed.

/** Whether an address is this machine's (127.0.0.0/8, ::1, or either IPv4-mapped). */
export function isLoopbackAddress(address: string | null | undefined): boolean {
  if (!address) return false;
  const a = address.replace(/^::ffff:/, "");
  return a === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/** The entry `hops` from the right of X-Forwarded-For (all copies of the header, in order), or null. */
export function trustedForwardedAddress(forwardedFor: string | null | undefined, hops: number): string | null {
  if (hops < 1 || !forwardedFor) return null;
  const entries = forwardedFor
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (!entries.length) return null;
  // Fewer entries than proxies: the nearest one's view is the best we have (it is still a proxy's).
  return entries[Math.max(0, entries.length - hops)]!;
}

/** The client's address as the trusted hop saw it (IPv4-mapped IPv6 shown as IPv4), or null when it is no address. */
export function clientAddress(h: { get(name: string): string | null }, proxyHops: number): string | null {
  const raw = trustedForwardedAddress(h.get("x-forwarded-for"), proxyHops) ?? h.get(CLIENT_IP_HEADER) ?? "";
  // An IPv4 client of a dual-stack socket shows as ::ffff:a.b.c.d; Cisco knows it as a.b.c.d.
  const ip = raw.replace(/^\[|\]$/g, "").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  return isIP(ip) ? ip : null;
}

/**
 * The rate-limit key of an address: IPv6 clients are grouped by their /64 (one subscriber's prefix),
 * so rotating through the addresses of one's own network does not buy fresh buckets.
 */
export function addressKey(ip: string | null): string {
  if (!ip) return "unknown";
  if (isIP(ip) !== 6) return ip;
  return `${expandIpv6(ip).slice(0, 4).join(":")}::/64`;
}

function expandIpv6(ip: string): string[] {
  const [head, tail] = ip.split("::") as [string, string | undefined];
  const h = head ? head.split(":") : [];
  const t = tail !== undefined && tail ? tail.split(":") : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4 style) counts as two groups.
  const groups = [
    ...h,
    ...Array(Math.max(0, 8 - h.length - t.length - (t.at(-1)?.includes(".") ? 1 : 0))).fill("0"),
    ...t,
  ];
  return groups.map((g) => (g.includes(".") ? g : g.toLowerCase().replace(/^0+(?=.)/, "")));
}
