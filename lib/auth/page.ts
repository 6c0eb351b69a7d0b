import { headers } from "next/headers";
import { findAuthRegistry } from "./registry";
import { factsFromHeaders, resolvePrincipal, type Principal } from "./principal";

/** The visitor of the page being rendered (server components only). */
export async function currentPrincipal(): Promise<Principal | null> {
  // headers() first: it is what tells Next this render depends on the request.
  const h = await headers();
  const reg = findAuthRegistry();
  if (!reg) return null;
  return resolvePrincipal(factsFromHeaders(h), reg.auth, reg.db);
}
