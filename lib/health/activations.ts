import { keyTargetCheck } from "@/lib/spaces/regions";
import { findActiveActivations, type ActiveActivation } from "@/lib/store/activations";
import type { Db } from "@/lib/store/db";

/** An activation as monitoring needs it: where to reach Cisco Spaces for it, and its (unsealed) key. */
export type MonitoredActivation = Pick<ActiveActivation, "id" | "baseUrl" | "apiKey" | "partnerTenantId">;

/** How monitoring finds the activations to report on; tests and server.ts may pass their own. */
export type ListActivations = () => Promise<MonitoredActivation[]>;

/**
 * The activations with an API key, unsealed by the store: single-tenant, on-prem, and the OAuth
 * customers of a multi-tenant app (with its partner key).
 */
export const activationsFromDb =
  (db: Db, o: { dataKey: Buffer; allowedBaseUrls: readonly string[] }): ListActivations =>
  () =>
    findActiveActivations(db, o.dataKey, { refuseBaseUrl: keyTargetCheck(o.allowedBaseUrls) });
