import { isLoopbackAddress } from "@/lib/http/client-address";

// Demo mode: while the built-in simulator runs, someone on this machine lands on the live dashboard
// without an account, as the demo tenant's admin. Only a request that provably comes from this
// machine qualifies: loopback peer, a loopback Host (a rebinding attack sends its own host name),
// no proxy in between, and no other site's Origin (a page elsewhere cannot borrow the demo).

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export { isLoopbackAddress };

export function isLoopbackHost(host: string | null | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.split(":")[0]!;
  return LOOPBACK_NAMES.has(name.toLowerCase()) || isLoopbackAddress(name);
}

export interface DemoRequest {
  /** The TCP peer, when the server told us; otherwise whether we only listen on loopback decides. */
  clientAddress: string | null | undefined;
  host: string | null | undefined;
  origin: string | null | undefined;
  forwardedFor: string | null | undefined;
}

export function isDemoRequest(r: DemoRequest, o: { enabled: boolean; listensOnLoopbackOnly: boolean }): boolean {
  if (!o.enabled) return false;
  // Next fills X-Forwarded-For with the peer itself; any other address in it means a proxy relayed someone else.
  if (r.forwardedFor && !r.forwardedFor.split(",").every((ip) => isLoopbackAddress(ip.trim()))) return false;
  if (!isLoopbackHost(r.host)) return false;
  if (r.origin && r.origin !== "null") {
    try {
      if (new URL(r.origin).host !== r.host) return false;
    } catch {
      return false;
    }
  } else if (r.origin === "null") return false;
  return r.clientAddress ? isLoopbackAddress(r.clientAddress) : o.listensOnLoopbackOnly;
}
