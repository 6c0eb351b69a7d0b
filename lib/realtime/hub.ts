import type { Changes, DevicePoint, Occupancy } from "@/lib/occupancy/types";
import type { FloorDeltaMessage, IngestStatus, LocationView, OverviewDelta, OverviewSnapshot, FloorSnapshot } from "./protocol";

// The live view every browser watches, kept apart from the engine: it is fed only by published
// changes, so it works the same wherever the ingest runs. Deltas are coalesced and numbered per room.

export interface Emitter {
  overview(d: OverviewDelta): void;
  floor(floorId: string, d: FloorDeltaMessage): void;
}

export interface Hub {
  publish(changes: Partial<Changes>): void;
  setCapacity(locationId: string, capacity: number | null): boolean;
  setIngest(status: IngestStatus): void;
  overviewSnapshot(): OverviewSnapshot;
  floorSnapshot(floorId: string): FloorSnapshot | null;
  /** Emits what accumulated since the last flush. */
  flush(): void;
}

export function createHub(emit: Emitter, initial: LocationView[] = []): Hub {
  const locations = new Map<string, LocationView>(initial.map((l) => [l.id, l]));
  const counts = new Map<string, Occupancy>();
  const floors = new Map<string, Map<number, DevicePoint>>();
  let ingest: IngestStatus = { state: "starting", detail: null };
  let overviewSeq = 0;
  const floorSeq = new Map<string, number>();

  let pendingLocations = new Map<string, LocationView>();
  let pendingCounts: Record<string, Occupancy> = {};
  let pendingIngest: IngestStatus | null = null;
  let pendingFloors = new Map<string, { moved: Map<number, DevicePoint>; removed: Set<number> }>();

  const touchLocation = (l: LocationView) => {
    locations.set(l.id, l);
    pendingLocations.set(l.id, l);
  };

  return {
    publish(changes) {
      for (const l of changes.locations ?? []) touchLocation({ ...l, capacity: locations.get(l.id)?.capacity ?? null });
      for (const [id, o] of Object.entries(changes.counts ?? {})) {
        counts.set(id, o);
        pendingCounts[id] = o;
      }
      for (const [floorId, d] of Object.entries(changes.floors ?? {})) {
        let view = floors.get(floorId);
        if (!view) floors.set(floorId, (view = new Map()));
        let pending = pendingFloors.get(floorId);
        if (!pending) pendingFloors.set(floorId, (pending = { moved: new Map(), removed: new Set() }));
        for (const alias of d.removed) {
          view.delete(alias);
          pending.moved.delete(alias);
          pending.removed.add(alias);
        }
        for (const p of d.moved) {
          view.set(p[0], p);
          pending.removed.delete(p[0]);
          pending.moved.set(p[0], p);
        }
      }
    },
    setCapacity(locationId, capacity) {
      const l = locations.get(locationId);
      if (!l) return false;
      touchLocation({ ...l, capacity });
      return true;
    },
    setIngest(status) {
      ingest = status;
      pendingIngest = status;
    },
    overviewSnapshot() {
      return { seq: overviewSeq, locations: [...locations.values()], counts: Object.fromEntries(counts), ingest };
    },
    floorSnapshot(floorId) {
      const l = locations.get(floorId);
      if (!l) return null;
      return { seq: floorSeq.get(floorId) ?? 0, floorId, devices: [...(floors.get(floorId)?.values() ?? [])] };
    },
    flush() {
      if (pendingLocations.size || Object.keys(pendingCounts).length || pendingIngest) {
        const d: OverviewDelta = { seq: ++overviewSeq, locations: [...pendingLocations.values()], counts: pendingCounts };
        if (pendingIngest) d.ingest = pendingIngest;
        pendingLocations = new Map();
        pendingCounts = {};
        pendingIngest = null;
        emit.overview(d);
      }
      for (const [floorId, p] of pendingFloors) {
        if (!p.moved.size && !p.removed.size) continue;
        const seq = (floorSeq.get(floorId) ?? 0) + 1;
        floorSeq.set(floorId, seq);
        emit.floor(floorId, { seq, floorId, moved: [...p.moved.values()], removed: [...p.removed] });
      }
      pendingFloors = new Map();
    },
  };
}
