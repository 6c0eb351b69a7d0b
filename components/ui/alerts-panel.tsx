"use client";
import Link from "next/link";
import type { AlertRow } from "@/lib/store/alerts";
import type { ActiveAlert } from "./use-capacity-alerts";
import { clock } from "./occupancy-figure";

/** Locations over their target or maximum now, most urgent first, and the recent record. */
export function AlertsPanel({
  active,
  history = [],
  names,
  capacityOf,
}: {
  active: ActiveAlert[];
  history?: AlertRow[];
  names: Record<string, string>;
  capacityOf: (id: string) => { capacity: number | null; target: number | null };
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
              const c = capacityOf(a.locationId);
              const limit = a.level === "full" ? c.capacity : c.target;
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
