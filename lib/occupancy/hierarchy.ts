import type { LocationNode } from "@/lib/firehose/decode";
import type { LocationInfo, LocationType } from "./types";

// The location tree as learned from events: each event's parent chain and LOCATION_CHANGE. Nodes are
// replaced, never mutated, so a LocationInfo handed out stays a true record of what was sent.

/** Deeper than any real hierarchy; bounds every walk so a malformed tree cannot loop. */
export const MAX_DEPTH = 32;

/** The nearest of `id` and the nodes above it typed `type`; null when the chain ends or breaks first. */
export function nearestOfType(
  nodes: { get(id: string): { type: string; parentId: string | null } | undefined },
  id: string | null,
  type: string,
): string | null {
  let cur = id;
  for (let depth = 0; cur !== null && depth < MAX_DEPTH; depth++) {
    const node = nodes.get(cur);
    if (!node) return null;
    if (node.type === type) return cur;
    cur = node.parentId;
  }
  return null;
}

// The set of Cisco's location types is open: Root, Group, Network, Floor and Zone levels (Cisco Spaces
// Partner Ecosystem Guide, Create Multi-Tenant Cloud Partner Apps, "Choose Locations"), CAMPUS, CMX,
// MSE and BUILDING in records, and several on one node (`inferredLocationTypes` is a list). FLOOR wins
// over ZONE: positions are resolved to the node typed FLOOR, so a node typed both is the floor.
const TYPE_ORDER: LocationType[] = ["FLOOR", "ZONE", "BUILDING", "CAMPUS", "ROOT"];

/** The type Cisco gives a node, as far as we understand it; every other type is OTHER. */
export function locationType(types: readonly string[]): LocationType {
  // Asked for every node of every event's chain; most nodes carry one type.
  if (types.length === 1) return KNOWN_TYPES.has(types[0]!) ? (types[0] as LocationType) : "OTHER";
  return TYPE_ORDER.find((t) => types.includes(t)) ?? "OTHER";
}
const KNOWN_TYPES = new Set<string>(TYPE_ORDER);

/** Types a node keeps whatever its place in the tree. */
const FIXED = new Set<LocationType>(["FLOOR", "ZONE", "BUILDING"]);

/** The floor a chain's position refers to: the most specific FLOOR node, else the most specific node. */
export function floorOf(chain: readonly LocationNode[]): string {
  return (chain.find((n) => n.inferredLocationTypes.includes("FLOOR")) ?? chain[0]!).locationId;
}

/**
 * Where a presence record's time zone belongs: it is the venue's clock, so the chain's building (the
 * node typed BUILDING, else the node right above the floor, as the building rule below reads a tree
 * without one), else its most specific node. Null when the record states none.
 */
export function venueZone(
  chain: readonly LocationNode[],
  timeZone: string | null | undefined,
): { owner: string; timeZone: string } | null {
  if (!timeZone) return null;
  const floor = chain.findIndex((n) => n.inferredLocationTypes.includes("FLOOR"));
  const owner =
    chain.find((n) => n.inferredLocationTypes.includes("BUILDING")) ??
    (floor >= 0 ? chain[floor + 1] : undefined) ??
    chain[0]!;
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
  /**
   * The type Cisco gave each node, before the building rule. Nodes restored from storage only have
   * the type they were shown with, so a building by position stays one until Cisco sends the node again.
   */
  const given = new Map<string, LocationType>();

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
    given.set(l.id, l.type);
    link(l.id, l.parentId);
  }

  /**
   * The building rule: a node with floors as children stands for their building when Cisco types
   * nothing above those floors BUILDING (the guide's own sample hierarchy is ROOT, CAMPUS, NETWORK,
   * FLOOR). Every other node keeps the type Cisco gave it, and its place in the tree.
   */
  function roleOf(id: string): LocationType {
    const own = given.get(id) ?? "OTHER";
    if (FIXED.has(own)) return own;
    let hasFloor = false;
    for (const c of kids.get(id) ?? []) if (given.get(c) === "FLOOR") hasFloor = true;
    if (!hasFloor) return own;
    let cur = nodes.get(id)?.parentId ?? null;
    for (let depth = 0; cur !== null && depth < MAX_DEPTH; depth++) {
      if (given.get(cur) === "BUILDING") return own;
      cur = nodes.get(cur)?.parentId ?? null;
    }
    return "BUILDING";
  }

  function isAncestor(above: string, id: string): boolean {
    let cur = nodes.get(id)?.parentId ?? null;
    for (let depth = 0; cur !== null && depth < MAX_DEPTH; depth++) {
      if (cur === above) return true;
      cur = nodes.get(cur)?.parentId ?? null;
    }
    return false;
  }

  /** True when the chain says nothing the tree does not already know. */
  function unchanged(
    chain: readonly LocationNode[],
    mapOwner: string | null,
    mapId: string,
    zone: { owner: string; timeZone: string } | null | undefined,
  ): boolean {
    if (zone && nodes.get(zone.owner)?.timeZone !== zone.timeZone) return false;
    for (const n of chain) {
      const known = nodes.get(n.locationId);
      if (!known) return false;
      if (n.parentId !== null && n.parentId !== known.parentId) return false;
      if (n.name && n.name !== known.name) return false;
      if (n.locationId === mapOwner && mapId && mapId !== known.mapId) return false;
      if (given.get(n.locationId) !== locationType(n.inferredLocationTypes)) return false;
    }
    return true;
  }

  return {
    get: (id) => nodes.get(id),
    all: () => [...nodes.values()],
    children: (id) => kids.get(id) ?? [],
    isAncestor,
    learn(chain, mapOwner, mapId, onChange, zone) {
      if (unchanged(chain, mapOwner, mapId, zone)) return; // nearly every event: nothing new about the tree
      // First the shape (parents and Cisco's types), then each node's role in it: whether a node
      // stands for a building depends on the floors linked under it, which may come later in the chain.
      const staged: Array<{ n: LocationNode; parentId: string | null; before: LocationInfo | undefined }> = [];
      const parents = new Set<string>();
      for (let i = chain.length - 1; i >= 0; i--) {
        const n = chain[i]!;
        const known = nodes.get(n.locationId);
        if (staged.some((x) => x.n.locationId === n.locationId)) continue; // a chain that names a node twice
        // A chain cut short by the app's location-type settings says nothing about the parent, and a
        // parent that would close a loop is refused: the tree stays a tree.
        let parentId = n.parentId ?? known?.parentId ?? null;
        if (parentId !== null && (parentId === n.locationId || isAncestor(n.locationId, parentId)))
          parentId = known?.parentId ?? null;
        if (known && known.parentId !== parentId) {
          unlink(n.locationId, known.parentId);
          if (known.parentId) parents.add(known.parentId);
        }
        if (!known || known.parentId !== parentId) link(n.locationId, parentId);
        if (!known)
          nodes.set(n.locationId, { id: n.locationId, name: n.locationId, type: "OTHER", parentId, mapId: null });
        else if (known.parentId !== parentId) nodes.set(n.locationId, { ...known, parentId });
        given.set(n.locationId, locationType(n.inferredLocationTypes));
        if (parentId) parents.add(parentId);
        staged.push({ n, parentId, before: known });
      }
      const emit = (info: LocationInfo, before: LocationInfo | undefined) => {
        if (
          before &&
          before.name === info.name &&
          before.type === info.type &&
          before.parentId === info.parentId &&
          before.mapId === info.mapId &&
          before.timeZone === info.timeZone
        ) {
          return;
        }
        nodes.set(info.id, info);
        onChange(info, before);
      };
      const inChain = new Set(staged.map((x) => x.n.locationId));
      // Parents outside the chain (a floor moved away, or under a parent known from before) may gain
      // or lose their building role; they are sent before the chain, as parents come first.
      for (const p of parents) {
        const node = nodes.get(p);
        if (!node || inChain.has(p)) continue;
        emit({ ...node, type: roleOf(p) }, node);
      }
      for (const { n, parentId, before } of staged) {
        const info: LocationInfo = {
          id: n.locationId,
          name: n.name || before?.name || n.locationId,
          type: roleOf(n.locationId),
          parentId,
          mapId: (n.locationId === mapOwner && mapId) || before?.mapId || null,
        };
        const timeZone = (zone && n.locationId === zone.owner && zone.timeZone) || before?.timeZone;
        if (timeZone) info.timeZone = timeZone;
        emit(info, before);
      }
    },
    floorAbove: (id) => nearestOfType(nodes, nodes.get(id)?.parentId ?? null, "FLOOR"),
    subtree(id) {
      if (!nodes.has(id)) return [];
      const out = [id];
      const seen = new Set(out);
      for (let i = 0; i < out.length; i++) {
        for (const c of kids.get(out[i]!) ?? []) {
          if (seen.has(c)) continue;
          seen.add(c);
          out.push(c);
        }
      }
      return out;
    },
    remove(ids) {
      for (const id of ids) {
        const n = nodes.get(id);
        if (!n) continue;
        unlink(id, n.parentId);
        nodes.delete(id);
        given.delete(id);
        kids.delete(id);
      }
    },
  };
}
