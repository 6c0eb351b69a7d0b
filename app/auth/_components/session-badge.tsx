import Link from "next/link";
import { currentPrincipal } from "@/lib/auth/page";

/** Top-bar corner: who is signed in, or that this is the demo, with the way out or in. */
export async function SessionBadge() {
  const p = await currentPrincipal();
  if (p?.kind === "demo") {
    return (
      <span
        className="session-badge session-badge--demo"
        data-testid="session-badge"
        title="The built-in Cisco Spaces simulator is running: visitors on this machine are the demo tenant's admin, no account needed."
      >
        Demo mode · <Link href="/setup">Admin</Link>
      </span>
    );
  }
  if (p?.kind === "session") {
    return (
      <span className="session-badge" data-testid="session-badge">
        {p.email} · {p.role === "admin" ? <Link href="/setup">Admin</Link> : "Viewer"}
        <form method="post" action="/auth/signout" className="session-badge__out">
          <button type="submit">Sign out</button>
        </form>
      </span>
    );
  }
  return (
    <span className="session-badge" data-testid="session-badge">
      <Link href="/signin">Sign in</Link>
    </span>
  );
}
