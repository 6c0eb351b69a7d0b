import { findRegistry, getRegistryOrThrow, type Registry } from "@/lib/registry";
import type { AuthContext } from "./context";

export type AuthRegistry = Registry & { auth: AuthContext };

/** The registry with its auth part, which every auth-aware route needs. */
export function authRegistryOrThrow(): AuthRegistry {
  const reg = getRegistryOrThrow();
  if (!reg.auth)
    throw new Error("Floorpulse registry has no auth context: server.ts must create it (createAuthContext).");
  return reg as AuthRegistry;
}

/** The same, or null where there is none (pages rendered while building). */
export function findAuthRegistry(): AuthRegistry | null {
  const reg = findRegistry();
  return reg?.auth ? (reg as AuthRegistry) : null;
}
