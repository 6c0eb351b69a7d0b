import type { Logger } from "@/lib/log";

// Demo mode as a state of the install, not a guess per request: it is on while the built-in simulator
// is the only thing this Floorpulse is connected to, and ends for good the moment a real activation
// exists (through /setup, OAuth or the app tile), whatever the request looks like.

export interface DemoState {
  /** Whether demo mode is still on; once off it stays off (checked at most every `recheckMs` until then). */
  isOn(): Promise<boolean>;
}

export function createDemoState(o: {
  enabled: boolean;
  realActivationExists: () => Promise<boolean>;
  log?: Logger;
  now?: () => number;
  recheckMs?: number;
}): DemoState {
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
