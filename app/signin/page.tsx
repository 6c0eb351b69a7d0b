import Link from "next/link";
import { safeNextPath } from "@/lib/auth/next-path";
import { currentPrincipal } from "@/lib/auth/page";

export const dynamic = "force-dynamic";

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function SignInPage({ searchParams }: { searchParams: Search }) {
  const q = await searchParams;
  const next = safeNextPath(one(q.next));
  const p = await currentPrincipal();
  return (
    <div className="auth-card">
      <h1>Sign in to Floorpulse</h1>
      {p?.kind === "demo" && (
        <p className="notice">
          Demo mode: on this machine you are already the demo tenant&apos;s admin.{" "}
          <Link href={next}>Go to the dashboard</Link>.
        </p>
      )}
      {p?.kind === "session" && (
        <p className="notice">
          You are signed in as {p.email}. <Link href={next}>Go to the dashboard</Link>.
        </p>
      )}
      {one(q.signedOut) && (
        <p className="notice" role="status">
          You are signed out.
        </p>
      )}
      <p>
        Most people open Floorpulse from its app tile in Cisco Spaces, which signs them in. Admins can also sign in here
        with their Floorpulse account.
      </p>
      {one(q.error) === "credentials" && (
        <p className="error" role="alert">
          That email and password do not match a Floorpulse account.
        </p>
      )}
      <form method="post" action="/auth/session" className="auth-form">
        <input type="hidden" name="next" value={next} />
        <label>
          Email
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit" className="button">
          Sign in
        </button>
      </form>
      <p className="hint">
        No account yet? An admin creates one with <code>npm run user -- add --email you@example.com --role admin</code>.
      </p>
    </div>
  );
}
