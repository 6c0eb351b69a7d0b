"use client";
import Link from "next/link";
import { effectiveTarget, type Thresholds } from "@/lib/alerts/level";
import type { AlertRow } from "@/lib/store/alerts";
import type { ActiveAlert } from "./use-capacity-alerts";
import { clock } from "./occupancy-figure";

/** Locations over their target or maximum now, most urgent first, and the recent record. */
export function AlertsPanel({
  active,
  history = [],
  names,
  settingsOf,
}: {
  active: ActiveAlert[];
  history?: AlertRow[];
  names: Record<string, string>;
  /** A location's maximum and target as set (the target shown is the effective one). */
  settingsOf: (id: string) => Thresholds;
}) {
  return (
    <section className="alerts" aria-labelledby="alerts-title">
      <h2 id="alerts-title" className="visually-hidden">
        Capacity alerts
      </h2>
      <div role="status" aria-live="polite">
        {active.length === 0 ? (
          <p className="alerts__none">
            <span className="band band--ok" aria-hidden="true">
              ✓
            </span>{" "}
            No location is over its target.
          </p>
        ) : (
          <ul className="alerts__list">
            {active.map((a) => {
              const t = settingsOf(a.locationId);
              const limit = a.level === "full" ? t.capacity : effectiveTarget(t);
              return (
                <li key={a.locationId} className={`alert alert--${a.level}`} data-testid="capacity-alert">
                  <strong>
                    {a.level === "full" ? (limit !== null && a.count > limit ? "Over capacity" : "Full") : "Busy"}:
                  </strong>{" "}
                  <Link href={`/locations/${a.locationId}`}>{names[a.locationId] ?? "A location"}</Link> has {a.count}
                  {limit !== null ? ` (${a.level === "full" ? "maximum" : "target"} ${limit})` : ""} since{" "}
                  {clock(a.since)}
                </li>
              );
            })}
          </ul>
        )}
      </div>
      {history.length > 0 && (
        <details className="alerts__history">
          <summary>Recent alerts ({history.length})</summary>
          <ul>
            {history.map((h) => (
              <li key={h.id}>
                {new Date(h.at).toLocaleString([], { weekday: "short", hour: "2-digit", minute: "2-digit" })} ·{" "}
                {names[h.locationId] ?? h.locationId} {h.level === "full" ? "reached its maximum" : "passed its target"}{" "}
                with {h.count}
                {h.clearedAt ? `, cleared ${clock(h.clearedAt)}` : ", still open"}
                {h.deliveredAt
                  ? " · webhook delivered"
                  : h.attempts > 0
                    ? ` · webhook failed after ${h.attempts} attempts`
                    : ""}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
