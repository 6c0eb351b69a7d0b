import type { Metadata } from "next";
import { activationsFromDb } from "@/lib/health/activations";
import { loadStatusPage, STATUS_DAYS } from "@/lib/health/status-page";
import { COMPONENT_LABELS, worstStatus } from "@/lib/health/types";
import { getRegistryOrThrow } from "@/lib/registry";
import { AutoRefresh } from "./auto-refresh";
import { timeLabel } from "./format";
import { CurrentIncidents, PastIncidents } from "./incidents";
import { StatusGrid } from "./status-grid";
import s from "./status.module.css";
import { StreamViews } from "./stream-views";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Status · Floorpulse" };

/** App Status Page URL: public, no tenant data. */
export default async function StatusPage() {
  const { db, health, log, auth } = getRegistryOrThrow();
  // Cisco is asked only with keys read through the allowlist check (without the auth context, not at all).
  const activations = auth
    ? activationsFromDb(db, { dataKey: auth.dataKey, allowedBaseUrls: auth.settings.allowedBaseUrls })
    : async () => [];
  const data = await loadStatusPage({ db, sources: health, now: Date.now(), log, activations });
  const current = data.current?.checks ?? null;
  const overall = current ? worstStatus(current.map((c) => c.status)) : null;
  const affected = current?.filter((c) => c.status !== "up").map((c) => COMPONENT_LABELS[c.component]) ?? [];
  const noHistory = data.history.lastCheckAt === null;

  return (
    <div className={s.page}>
      <AutoRefresh />
      <h1>Floorpulse status</h1>
      <p className={s.muted}>
        Every component is checked each minute. Days are UTC. Updated {timeLabel(data.generatedAt)} UTC.
      </p>
      <div className={`${s.banner} ${overall ? s[overall] : s.none}`} role="status" data-testid="overall-status">
        {overall === null
          ? "Status not known yet"
          : overall === "up"
            ? "All systems operational"
            : `${overall === "down" ? "Outage" : "Degraded"}: ${affected.join(", ")}`}
      </div>

      <section aria-labelledby="current-incidents">
        <h2 id="current-incidents">Current incidents</h2>
        <CurrentIncidents current={current} incidents={data.history.incidents} lastCheckAt={data.history.lastCheckAt} />
      </section>

      <section aria-labelledby="overview">
        <h2 id="overview">Last {STATUS_DAYS} days</h2>
        {noHistory ? (
          <p className={s.empty} data-testid="no-checks">
            No checks recorded yet. Floorpulse records a check of every component each minute; the first one appears
            about a minute after start.
          </p>
        ) : (
          <StatusGrid history={data.history} current={current} />
        )}
      </section>

      <section aria-labelledby="stream-views">
        <h2 id="stream-views">Cisco Spaces stream: our view and Cisco&rsquo;s</h2>
        <StreamViews ours={data.ours} cisco={data.cisco} live={Boolean(health)} />
      </section>

      <section aria-labelledby="past-incidents">
        <h2 id="past-incidents">Past incidents</h2>
        {noHistory ? (
          <p className={s.empty}>No checks recorded yet, so no incidents either.</p>
        ) : (
          <PastIncidents incidents={data.history.incidents} days={STATUS_DAYS} />
        )}
      </section>
    </div>
  );
}
