import Link from "next/link";
import { authRegistryOrThrow } from "@/lib/auth/registry";
import { keyRenewalDue, KEY_RENEWAL_DAYS } from "@/lib/activation/key-age";
import { listActivations } from "@/lib/store/activations";
import { setupAdmin } from "./admin-gate";
import { ActivationForm } from "./activation-form";
import { ChannelsPanel } from "@/components/setup/channels-panel";
import { channelRows } from "@/lib/notify/channel-rows";

export const dynamic = "force-dynamic";

export default async function SetupPage() {
  const { admin: p, page } = await setupAdmin(
    "/setup",
    "Only admins can change the setup",
    "You are signed in as a viewer. Ask a Floorpulse admin to activate or change Cisco Spaces accounts.",
  );
  if (!p) return page;
  const { db, auth, config } = authRegistryOrThrow();
  const s = auth.settings;
  const activations = p.tenantId ? await listActivations(db, p.tenantId) : [];
  const now = Date.now();
  const renewals = activations.flatMap((a) => {
    const due = a.status === "deactivated" ? null : keyRenewalDue(a, now);
    return due ? [{ a, due }] : [];
  });
  return (
    <div className="auth-card auth-card--wide">
      <h1>Setup</h1>
      {p.kind === "demo" && (
        <p className="notice">
          Demo mode: the built-in simulator plays Cisco Spaces. Ask it for an activation token to try this page.
        </p>
      )}
      <h2>Connected Cisco Spaces accounts</h2>
      {activations.length ? (
        <table className="table">
          <thead>
            <tr>
              <th>Account</th>
              <th>Type</th>
              <th>Region</th>
              <th>Status</th>
              <th>Since</th>
            </tr>
          </thead>
          <tbody>
            {activations.map((a) => (
              <tr key={a.id}>
                <td>{a.tenantName}</td>
                <td>{a.kind}</td>
                <td className="mono">{a.baseUrl}</td>
                <td>
                  {a.status}
                  {a.statusMessage ? ` (${a.statusMessage})` : ""}
                </td>
                <td>{a.createdAt.slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>None yet.</p>
      )}
      {renewals.map(({ a, due }) => (
        <p key={a.id} className="notice" role="note" data-testid="key-renewal">
          The API key of {a.tenantName} ({a.kind}) has been in use here for {due.ageDays} days; Cisco recommends
          renewing it every {KEY_RENEWAL_DAYS} days. {due.how}
        </p>
      ))}
      <h2 style={{ marginTop: "1.5rem" }}>Activate with a token</h2>
      <p>
        For single-tenant cloud and on-prem apps: Cisco Spaces gives you an activation token; Floorpulse checks it with
        Cisco and connects.
      </p>
      <ActivationForm defaultLaunchUrl={`${s.publicUrl}/auth/appLogin`} />
      <h2 style={{ marginTop: "1.5rem" }}>Multi-tenant cloud (OAuth)</h2>
      {s.oauth.clientSecret ? (
        <table className="table">
          <tbody>
            <tr>
              <th>Client ID</th>
              <td className="mono">{s.oauth.clientId}</td>
            </tr>
            <tr>
              <th>OAuth Login URL</th>
              <td className="mono">{s.publicUrl}/auth/login</td>
            </tr>
            <tr>
              <th>OAuth Token URL</th>
              <td className="mono">{s.publicUrl}/auth/token</td>
            </tr>
            <tr>
              <th>App Info URL</th>
              <td className="mono">{s.publicUrl}/appInfo</td>
            </tr>
            <tr>
              <th>App Dashboard URL</th>
              <td className="mono">{s.publicUrl}/auth/appLogin</td>
            </tr>
          </tbody>
        </table>
      ) : (
        <p className="hint">
          Off: set OAUTH_CLIENT_SECRET (and OAUTH_CLIENT_ID) to let Cisco Spaces activate Floorpulse for many customers.
        </p>
      )}
      <h2 style={{ marginTop: "1.5rem" }}>Alerts and weekly summary</h2>
      <p>
        Capacity alerts and a weekly summary (every {config.WEEKLY_SUMMARY_AT}, {config.TIME_ZONE}) go to each channel
        configured here.
      </p>
      <ChannelsPanel channels={channelRows(config)} />
      <p style={{ marginTop: "1.5rem" }}>
        <Link href="/setup/kiosks">Kiosk display links</Link> · <Link href="/setup/excluded">Excluded devices</Link> ·{" "}
        <Link href="/privacy">Privacy</Link>
      </p>
    </div>
  );
}
