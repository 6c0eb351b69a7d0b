import { isLoopbackAddress } from "./client-address";
import { CLIENT_IP_HEADER } from "./headers";

// Headers only a proxy writes (Next itself adds X-Forwarded-For/-Host/-Port/-Proto from the socket when
// they are absent, so those count only when they say something the socket could not have).
const PROXY_ONLY = [
  "forwarded",
  "via",
  "x-real-ip",
  "x-client-ip",
  "true-client-ip",
  "cf-connecting-ip",
  "fastly-client-ip",
  "x-cluster-client-ip",
  "forwarded-for",
  "x-forwarded",
  "x-original-forwarded-for",
  "x-forwarded-server",
  "x-proxyuser-ip",
  "client-ip",
];

/** Whether a request shows any sign of having come through a proxy. */
export function hasProxyHeaders(header: (name: string) => string | null): boolean {
  if (PROXY_ONLY.some((n) => header(n) !== null)) return true;
  const host = header("host");
  const fwdHost = header("x-forwarded-host");
  if (fwdHost !== null && fwdHost.toLowerCase() !== host?.toLowerCase()) return true;
  const proto = header("x-forwarded-proto");
  return proto !== null && proto !== "http"; // we listen on plain HTTP: "https" was written by something in front
}

/** A request from this machine that no proxy relayed: loopback peer, no proxy header, X-Forwarded-For (Next's own) only loopback. */
export function isUnrelayedLocal(header: (name: string) => string | null): boolean {
  if (!isLoopbackAddress(header(CLIENT_IP_HEADER)) || hasProxyHeaders(header)) return false;
  const xff = header("x-forwarded-for");
  return !xff || xff.split(",").every((ip) => isLoopbackAddress(ip.trim()));
}
