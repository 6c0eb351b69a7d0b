import type { ReactElement } from "react";
import { currentPrincipal } from "@/lib/auth/page";
import { SignInRequired } from "../auth/_components/sign-in-required";

type Principal = NonNullable<Awaited<ReturnType<typeof currentPrincipal>>>;
type Admin = Exclude<Principal, { kind: "kiosk" }>;

/**
 * The signed-in admin a setup page serves, or the page anyone else sees instead: the sign-in page for
 * no one (or a kiosk display), and `refusal` for a viewer.
 */
export async function setupAdmin(
  next: string,
  refusal: string,
  hint?: string,
): Promise<{ admin: Admin; page?: never } | { admin?: never; page: ReactElement }> {
  const p = await currentPrincipal();
  if (!p || p.kind === "kiosk") return { page: <SignInRequired next={next} /> };
  if (p.role === "admin") return { admin: p };
  return {
    page: (
      <div className="empty auth-gate" role="status">
        <h1>{refusal}</h1>
        {hint && <p>{hint}</p>}
      </div>
    ),
  };
}
