"use client";
import Link from "next/link";
import { useFloorDevices } from "@/components/realtime/use-floor-devices";
import { useOverview } from "@/components/realtime/use-overview";
import { ConnectionBadge } from "@/components/ui/connection-badge";
import { OccupancyFigure } from "@/components/ui/occupancy-figure";
import type { MapGeometry } from "@/lib/maps/coords";
import type { LocationView } from "@/lib/realtime/protocol";
import { FloorMap } from "./floor-map";

interface Props {
  floor: LocationView;
  parent: LocationView | null;
  map: (MapGeometry & { url: string }) | null;
}

export function FloorView({ floor, parent, map }: Props) {
  const { counts, ingest, locations } = useOverview([floor]);
  const { devices, version, error } = useFloorDevices(floor.id);
  const capacity = locations[floor.id]?.capacity ?? floor.capacity;
  return (
    <>
      <nav aria-label="Breadcrumb" className="crumbs">
        <Link href="/">All locations</Link>
        {parent && <span> / {parent.name}</span>}
        <span aria-current="page"> / {floor.name}</span>
      </nav>
      <header className="floor-head">
        <h1>{floor.name}</h1>
        <OccupancyFigure occupancy={counts[floor.id]} capacity={capacity} testId="floor-count" />
        <span className="floor-head__devices" data-testid="device-count">
          {devices.size} devices on the map
        </span>
      </header>
      <ConnectionBadge ingest={ingest} />
      {error && <p className="error" role="alert">Live positions are unavailable: {error}</p>}
      {map ? (
        <FloorMap imageUrl={map.url} geometry={map} devices={devices} version={version} />
      ) : (
        <p className="empty" role="status">The floor map has not been fetched from Cisco Spaces yet; counts are live.</p>
      )}
    </>
  );
}
