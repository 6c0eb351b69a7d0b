import type { LocationNode } from "@/lib/firehose/decode";
import type { LocationInfo, LocationType } from "./types";

// The location tree as learned from events: each event's parent chain and LOCATION_CHANGE. Nodes are
// replaced, never mutated, so a LocationInfo handed out stays a true record of what was sent.

/** Deeper than any real hierarchy; bounds every walk so a malformed tree cannot loop. */
export const MAX_DEPTH = 32;

const TYPE_ORDER: LocationType[] = ["ZONE", "FLOOR", "BUILDING", "CAMPUS", "ROOT"];

export function locationType(types: readonly string[]): LocationType {
  return TYPE_ORDER.find((t) => types.includes(t)) ?? "OTHER";
}

/** The floor a chain's position refers to: the most specific FLOOR node, else the most specific node. */
export function floorOf(chain: readonly LocationNode[]): string {
  return (chain.find((n) => n.inferredLocationTypes.includes("FLOOR")) ?? chain[0]!).locationId;
}

/**
 * Where a presence record's time zone belongs: it is the venue's clock, so the chain's building (else
 * its most specific node). Null when the record states none.
 */
export function venueZone(chain: readonly LocationNode[], timeZone: string | null | undefined): { owner: string; timeZone: string } | null {
  if (!timeZone) return null;
  const owner = chain.find((n) => n.inferredLocationTypes.includes("BUILDING")) ?? chain[0]!;
  return { owner: owner.locationId, timeZone };
}

export interface Hierarchy {
  get(id: string): LocationInfo | undefined;
  all(): LocationInfo[];
  children(id: string): Iterable<string>;
  /**
   * Learns a chain, root first. mapId (when not empty) belongs to the node `mapOwner`, and the time zone
   * (when given) to `zone.owner`. Calls onChange for every node that is new or changed, with what it was before.
   */
  learn(
    chain: readonly LocationNode[],
    mapOwner: string | null,
    mapId: string,
    onChange: (now: LocationInfo, before: LocationInfo | undefined) => void,
    zone?: { owner: string; timeZone: string } | null,
  ): void;
  /** True when `above` is a strict ancestor of `id`. */
  isAncestor(above: string, id: string): boolean;
  /** The nearest FLOOR strictly above `id`, or null. */
  floorAbove(id: string): string | null;
  /** `id` and everything under it, parents first. */
  subtree(id: string): string[];
  /** Forgets these nodes (a subtree); their parent no longer lists them. */
  remove(ids: readonly string[]): void;
}

export function createHierarchy(initial: readonly LocationInfo[] = []): Hierarchy {
  const nodes = new Map<string, LocationInfo>();
  const kids = new Map<string, Set<string>>();

  const link = (id: string, parentId: string | null) => {
    if (!parentId) return;
    let set = kids.get(parentId);
    if (!set) kids.set(parentId, (set = new Set()));
    set.add(id);
  };
  const unlink = (id: string, parentId: string | null) => {
    if (!parentId) return;
    const set = kids.get(parentId);
    set?.delete(id);
    if (set && !set.size) kids.delete(parentId);
  };

  for (const l of initial) {
    nodes.set(l.id, { ...l });
    link(l.id, l.parentId);
  }

  function isAncestor(above: string, id: string): boolean {
    let cur = nodes.get(id)?.parentId ?? null;
    for (let depth = 0; cur !== null && depth < MAX_DEPTH; depth++) {
      if (cur === above) return true;
      cur = nodes.get(cur)?.parentId ?? null;
    }
    return false;
  }

  return {
    get: (id) => nodes.get(id),
    all: () => [...nodes.values()],
    children: (id) => kids.get(id) ?? [],
    isAncestor,
    learn(chain, mapOwner, mapId, onChange, zone) {
      for (let i = chain.length - 1; i >= 0; i--) {
        const n = chain[i]!;
        const known = nodes.get(n.locationId);
        // A chain cut short by the app's location-type settings says nothing about the parent, and a
        // parent that would close a loop is refused: the tree stays a tree.
        let parentId = n.parentId ?? known?.parentId ?? null;
        if (parentId !== null && (parentId === n.locationId || isAncestor(n.locationId, parentId))) parentId = known?.parentId ?? null;
        const info: LocationInfo = {
          id: n.locationId,
          name: n.name || known?.name || n.locationId,
          type: locationType(n.inferredLocationTypes),
          parentId,
          mapId: (n.locationId === mapOwner && mapId) || known?.mapId || null,
        };
        const timeZone = (zone && n.locationId === zone.owner && zone.timeZone) || known?.timeZone;
        if (timeZone) info.timeZone = timeZone;
        if (known && known.name === info.name && known.type === info.type && known.parentId === info.parentId && known.mapId === info.mapId && known.timeZone === info.timeZone) continue;
        if (known && known.parentId !== info.parentId) unlink(info.id, known.parentId);
        if (!known || known.parentId !== info.parentId) link(info.id, info.parentId);
        nodes.set(info.id, info);
        onChange(info, known);
      }
    },
    floorAbove(id) {
      let cur = nodes.get(id)?.parentId ?? null;
      for (let depth = 0; cur !== null && depth < MAX_DEPTH; depth++) {
        const node = nodes.get(cur);
        if (!node) return null;
        if (node.type === "FLOOR") return cur;
        cur = node.parentId;
      }
      return null;
    },
    subtree(id) {
      if (!nodes.has(id)) return [];
      const out = [id];
      const seen = new Set(out);
      for (let i = 0; i < out.length; i++) for (const c of kids.get(out[i]!) ?? []) if (!seen.has(c)) seen.add(c), out.push(c);
      return out;
    },
    remove(ids) {
      for (const id of ids) {
        const n = nodes.get(id);
        if (!n) continue;
        unlink(id, n.parentId);
        nodes.delete(id);
        kids.delete(id);
      }
    },
  };
}
