"use client";
import Link from "next/link";
import type { LocationView } from "@/lib/realtime/protocol";
import { useOverview } from "@/components/realtime/use-overview";
import { ConnectionBadge } from "@/components/ui/connection-badge";
import { OccupancyFigure } from "@/components/ui/occupancy-figure";

/** Every building with its floors and their live counts. */
export function Overview({ initialLocations }: { initialLocations: LocationView[] }) {
  const { locations, counts, ingest, ready } = useOverview(initialLocations);
  const all = Object.values(locations);
  const buildings = all.filter((l) => l.type === "BUILDING").sort((a, b) => a.name.localeCompare(b.name));
  const floorsOf = (id: string) =>
    all.filter((l) => l.type === "FLOOR" && l.parentId === id).sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  const orphanFloors = all.filter((l) => l.type === "FLOOR" && !buildings.some((b) => b.id === l.parentId));

  return (
    <>
      <ConnectionBadge ingest={ingest} />
      {!all.some((l) => l.type === "FLOOR") && (
        <p className="empty" role="status">
          {ready ? "Waiting for the first events from Cisco Spaces…" : "Connecting…"}
        </p>
      )}
      {buildings.map((b) => (
        <section key={b.id} className="building" aria-labelledby={`b-${b.id}`}>
          <header className="building__head">
            <h2 id={`b-${b.id}`}>{b.name}</h2>
            <OccupancyFigure occupancy={counts[b.id]} capacity={b.capacity} testId={`count-${b.id}`} />
          </header>
          <FloorList floors={floorsOf(b.id)} counts={counts} />
        </section>
      ))}
      {orphanFloors.length > 0 && <FloorList floors={orphanFloors} counts={counts} />}
    </>
  );
}

function FloorList({ floors, counts }: { floors: LocationView[]; counts: ReturnType<typeof useOverview>["counts"] }) {
  return (
    <ul className="floors">
      {floors.map((f) => (
        <li key={f.id}>
          <Link className="floor-card" href={`/locations/${f.id}`}>
            <span className="floor-card__name">{f.name}</span>
            <OccupancyFigure occupancy={counts[f.id]} capacity={f.capacity} testId={`count-${f.id}`} />
          </Link>
        </li>
      ))}
    </ul>
  );
}
