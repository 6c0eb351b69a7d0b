import type { LocationInfo } from "@/lib/occupancy/types";

/** A location as the engine announces it, named by its id, with no map. */
export const loc = (id: string, type: LocationInfo["type"], parentId: string | null): LocationInfo => ({
  id,
  name: id,
  type,
  parentId,
  mapId: null,
});
