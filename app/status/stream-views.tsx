import { formatAge } from "@/lib/health/checks";
import type { CiscoView } from "@/lib/health/cisco-view";
import type { StatusPageData } from "@/lib/health/status-page";
import { timeLabel } from "./format";
import s from "./status.module.css";

type Ours = StatusPageData["ours"][number];

/** Our view of each activation's stream beside Cisco's (Healthcheck Info API), so a disagreement shows. */
export function StreamViews({ ours, cisco, live }: { ours: Ours[]; cisco: CiscoView[]; live: boolean }) {
  const ids = [...new Set([...cisco.map((c) => c.activationId), ...ours.map((o) => o.activationId)])];
  if (!ids.length) {
    return (
      <p className={s.empty}>
        No active activation: there is no stream to watch and nothing to ask Cisco Spaces about.
      </p>
    );
  }
  return (
    <div className={s.views}>
      {ids.map((id, i) => {
        const mine = ours.find((o) => o.activationId === id);
        const theirs = cisco.find((c) => c.activationId === id);
        const warning = disagreement(mine, theirs);
        return (
          <section key={id} className={s.viewPair} aria-labelledby={`activation-${i}`}>
            <h3 id={`activation-${i}`}>{ids.length > 1 ? `Activation ${i + 1}` : "Firehose stream"}</h3>
            <div className={s.viewCols}>
              <div className={s.view} data-testid="our-view">
                <h4>Our view</h4>
                <p>{ourWords(mine, live)}</p>
              </div>
              <div className={s.view} data-testid="cisco-view">
                <h4>Cisco Spaces&rsquo; view</h4>
                <p>{ciscoWords(theirs)}</p>
              </div>
            </div>
            {warning ? (
              <p className={s.warning} role="note">
                {warning}
              </p>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}

function ourWords(o: Ours | undefined, live: boolean): string {
  if (!live) return "Live stream status is unavailable on this server.";
  if (!o) return "No ingest worker runs for this activation.";
  const received = o.ageMs === null ? "nothing received yet" : `last data ${formatAge(o.ageMs)} ago`;
  return `${o.fresh ? "Receiving" : "Not receiving"}: ${o.state}, ${received}.`;
}

function ciscoWords(c: CiscoView | undefined): string {
  if (!c) return "Not asked yet.";
  if (!c.ok) return `Could not ask: ${c.error} (at ${timeLabel(c.checkedAt)} UTC).`;
  const conns = `${c.activeConnections} active ${c.activeConnections === 1 ? "connection" : "connections"}`;
  const acts = `${c.appActivations} app ${c.appActivations === 1 ? "activation" : "activations"}`;
  return `${conns}, ${acts} (as of ${timeLabel(c.checkedAt)} UTC).`;
}

function disagreement(o: Ours | undefined, c: CiscoView | undefined): string | null {
  if (!o || !c?.ok) return null;
  if (o.fresh && c.activeConnections === 0)
    return "Cisco Spaces reports no consumer connected, although we are receiving data.";
  if (!o.fresh && c.activeConnections > 0) return "Cisco Spaces sees a connection, but we are not receiving data.";
  if (!o.fresh && c.activeConnections === 0) return "Cisco Spaces agrees: no consumer is connected.";
  return null;
}
