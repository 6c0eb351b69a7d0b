import { nearestOfType } from "./hierarchy";

// Which building a floor belongs to, for the overview and the kiosks: the nearest node above it that
// plays the building role (typed BUILDING by Cisco, or standing for one by the building rule in
// hierarchy.ts). Levels in between (a GROUP, a wing) do not break the link.

export interface TreeNode {
  id: string;
  type: string;
  parentId: string | null;
}

/** The id of the nearest BUILDING strictly above `id`, or null when there is none. */
export function buildingOf(byId: ReadonlyMap<string, TreeNode>, id: string): string | null {
  return nearestOfType(byId, byId.get(id)?.parentId ?? null, "BUILDING");
}

/** The floors that belong to each building, keyed by building id; floors with no building under "". */
export function floorsByBuilding<T extends TreeNode>(locations: readonly T[]): Map<string, T[]> {
  const byId = new Map(locations.map((l) => [l.id, l] as const));
  const out = new Map<string, T[]>();
  for (const l of locations) {
    if (l.type !== "FLOOR") continue;
    const b = buildingOf(byId, l.id) ?? "";
    const list = out.get(b);
    if (list) list.push(l);
    else out.set(b, [l]);
  }
  return out;
}
