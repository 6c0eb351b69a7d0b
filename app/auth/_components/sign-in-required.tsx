import Link from "next/link";

/** What a page shows instead of tenant data to someone not signed in. */
export function SignInRequired({ next }: { next: string }) {
  return (
    <div className="empty auth-gate" role="status">
      <h1>Sign in to see live occupancy</h1>
      <p>Floorpulse shows your Cisco Spaces locations only to people of your organisation.</p>
      <p>
        Open Floorpulse from its app tile in Cisco Spaces, or{" "}
        <Link href={`/signin?next=${encodeURIComponent(next)}`}>sign in with a Floorpulse account</Link>.
      </p>
    </div>
  );
}

/** Signed in, but no Cisco Spaces account is connected to this user yet. */
export function NoAccountYet({ admin }: { admin: boolean }) {
  return (
    <div className="empty auth-gate" role="status">
      <h1>No Cisco Spaces account connected yet</h1>
      {admin ? (
        <p>
          Connect one on the <Link href="/setup">setup page</Link> with an activation token from Cisco Spaces.
        </p>
      ) : (
        <p>Ask a Floorpulse admin to activate Floorpulse for your Cisco Spaces account.</p>
      )}
    </div>
  );
}
