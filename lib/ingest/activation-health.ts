import type { Logger } from "@/lib/log";
import { linkSpacesTenant, setActivationStatus } from "@/lib/store/activations";
import type { Db } from "@/lib/store/db";

// What the stream tells us about an activation, written where /setup shows it: the key refused
// (unhealthy), accepted again (active), the customer removed the app (deactivated), and which Cisco
// tenant is behind it. A write that fails is logged and retried by the next change: the stream goes on.

export interface ActivationHealth {
  refused(reason: string): void;
  accepted(): void;
  needsAttention(detail: string): void;
  deactivated(detail: string): Promise<void>;
  linkSpacesTenant(partnerTenantId: string, spacesTenantId: string): void;
}

export function createActivationHealth(db: Db, activationId: string, log: Logger): ActivationHealth {
  const failed = (what: string) => (e: unknown) =>
    log.error({ err: (e as Error).message, activationId }, `could not record ${what}`);
  return {
    refused(reason) {
      void setActivationStatus(db, activationId, "unhealthy", `Cisco Spaces refused the API key (${reason})`).catch(
        failed("that Cisco Spaces refused the key"),
      );
    },
    accepted() {
      void setActivationStatus(db, activationId, "active", null).catch(
        failed("that Cisco Spaces accepts the key again"),
      );
    },
    needsAttention(detail) {
      void setActivationStatus(db, activationId, "unhealthy", `Needs attention: ${detail}`).catch(
        failed("that the activation needs attention"),
      );
    },
    deactivated(detail) {
      return setActivationStatus(db, activationId, "deactivated", detail).catch(failed("the deactivation"));
    },
    linkSpacesTenant(partnerTenantId, spacesTenantId) {
      void linkSpacesTenant(db, { partnerTenantId, spacesTenantId }).catch(failed("the Cisco Spaces tenant id"));
    },
  };
}
