import type { Logger } from "@/lib/log";

// Demo mode as a state of the install, not a guess per request: it is on while the built-in simulator
// is the only thing this Floorpulse is connected to, and ends for good the moment a real activation
// exists (through /setup, OAuth or the app tile), whatever the request looks like.

export interface DemoState {
  /** Whether demo mode is still on; once off it stays off (checked at most every `recheckMs` until then). */
  isOn(): Promise<boolean>;
}

export function createDemoState(o: { enabled: boolean; realActivationExists: () => Promise<boolean>; log?: Logger; now?: () => number; recheckMs?: number }): DemoState {
  const now = o.now ?? Date.now;
  const recheckMs = o.recheckMs ?? 2_000;
  let on = o.enabled;
  let checkedAt = -Infinity;
  let pending: Promise<boolean> | null = null;
  return {
    async isOn() {
      if (!on) return false;
      if (now() - checkedAt < recheckMs) return on;
      pending ??= o
        .realActivationExists()
        .then((real) => {
          checkedAt = now();
          if (real) {
            on = false;
            o.log?.info("demo mode ended: this Floorpulse has a real Cisco Spaces activation");
          }
          return on;
        })
        .finally(() => (pending = null));
      return pending;
    },
  };
}

// Headers only a proxy writes (Next itself adds X-Forwarded-For/-Host/-Port/-Proto from the socket when
// they are absent, so those count only when they say something the socket could not have).
const PROXY_ONLY = ["forwarded", "via", "x-real-ip", "x-client-ip", "true-client-ip", "cf-connecting-ip", "fastly-client-ip", "x-cluster-client-ip", "forwarded-for", "x-forwarded", "x-original-forwarded-for", "x-forwarded-server", "x-proxyuser-ip", "client-ip"];

/** Whether a request shows any sign of having come through a proxy. */
export function hasProxyHeaders(header: (name: string) => string | null): boolean {
  if (PROXY_ONLY.some((n) => header(n) !== null)) return true;
  const host = header("host");
  const fwdHost = header("x-forwarded-host");
  if (fwdHost !== null && fwdHost.toLowerCase() !== host?.toLowerCase()) return true;
  const proto = header("x-forwarded-proto");
  return proto !== null && proto !== "http"; // we listen on plain HTTP: "https" was written by something in front
}
