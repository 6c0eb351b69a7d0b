"use client";
import Link from "next/link";
import { useState } from "react";
import type { Occupancy } from "@/lib/occupancy/types";
import type { LocationSettings } from "@/lib/store/location-settings";
import type { LocationView } from "@/lib/realtime/protocol";
import { OccupancyFigure, type PastCount } from "@/components/ui/occupancy-figure";
import { CapacityForm } from "@/components/ui/capacity-form";

interface Props {
  zones: LocationView[];
  counts: Record<string, Occupancy>;
  past: Record<string, PastCount> | null;
  settings: Record<string, LocationSettings>;
  canEdit: boolean;
  selectedId: string | null;
  drawingId: string | null;
  onSelect(id: string): void;
  onDraw(id: string): void;
  onRemoveOutline(id: string): void;
  onSaved(id: string, s: LocationSettings): void;
}

const EMPTY: LocationSettings = { capacity: null, targetCapacity: null, polygon: null };

/** The floor's zones with their counts and bands; admins set capacities and draw outlines from here. */
export function ZoneList(p: Props) {
  const [editing, setEditing] = useState<string | null>(null);
  if (p.zones.length === 0) {
    return (
      <p className="hint">
        No zones on this floor in Cisco Spaces yet. Zones added there appear here with their own counts.
      </p>
    );
  }
  return (
    <ul className="zone-list">
      {p.zones.map((z) => {
        const s = p.settings[z.id] ?? EMPTY;
        const pastCount = p.past ? (p.past[z.id] ?? { count: 0, minute: 0, label: null }) : null;
        return (
          <li
            key={z.id}
            className={`zone-list__item ${p.selectedId === z.id ? "zone-list__item--selected" : ""}`}
            data-testid={`zone-${z.id}`}
          >
            <div className="zone-list__head">
              <Link href={`/locations/${z.id}`} className="zone-list__name" onFocus={() => p.onSelect(z.id)}>
                {z.name}
              </Link>
              <OccupancyFigure
                size="sm"
                occupancy={p.counts[z.id]}
                capacity={s.capacity}
                targetCapacity={s.targetCapacity}
                past={p.past && pastCount && pastCount.minute ? pastCount : undefined}
              />
            </div>
            <p className="hint">{s.polygon ? `Outline with ${s.polygon.length} corners` : "No outline drawn yet"}</p>
            {p.canEdit && (
              <div className="row">
                <button
                  type="button"
                  className="button button--quiet button--small"
                  aria-expanded={editing === z.id}
                  onClick={() => setEditing(editing === z.id ? null : z.id)}
                >
                  Capacity…
                </button>
                <button
                  type="button"
                  className="button button--quiet button--small"
                  onClick={() => p.onDraw(z.id)}
                  disabled={p.drawingId !== null}
                >
                  {s.polygon ? "Redraw outline" : "Draw outline"}
                </button>
                {s.polygon && (
                  <button
                    type="button"
                    className="button button--quiet button--small"
                    onClick={() => p.onRemoveOutline(z.id)}
                    disabled={p.drawingId !== null}
                  >
                    Remove outline
                  </button>
                )}
              </div>
            )}
            {p.canEdit && editing === z.id && (
              <CapacityForm locationId={z.id} name={z.name} settings={s} onSaved={(n) => p.onSaved(z.id, n)} />
            )}
          </li>
        );
      })}
    </ul>
  );
}
