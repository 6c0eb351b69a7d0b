import type { LocationType } from "@/lib/occupancy/types";

// The location hierarchy as a tree for navigation: pure, so search, breadcrumbs and keyboard
// movement can be tested without a browser.

export interface TreeLocation {
  id: string;
  name: string;
  type: LocationType;
  parentId: string | null;
}

export interface TreeNode<L extends TreeLocation = TreeLocation> {
  location: L;
  children: TreeNode<L>[];
}

const RANK: Record<string, number> = { ROOT: 0, CAMPUS: 1, BUILDING: 2, FLOOR: 3, ZONE: 4, OTHER: 5 };
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
const byTypeThenName = (a: TreeLocation, b: TreeLocation) =>
  (RANK[a.type] ?? 9) - (RANK[b.type] ?? 9) || collator.compare(a.name, b.name);

/** Cisco's ROOT says nothing to a facility manager: its children become the top of the tree. */
const hidden = (l: TreeLocation) => l.type === "ROOT";

export function buildTree<L extends TreeLocation>(locations: L[]): TreeNode<L>[] {
  const byId = new Map(locations.map((l) => [l.id, l]));
  const nodes = new Map<string, TreeNode<L>>();
  for (const l of locations) if (!hidden(l)) nodes.set(l.id, { location: l, children: [] });
  const roots: TreeNode<L>[] = [];
  for (const node of nodes.values()) {
    // Climb past hidden ancestors to the nearest shown one.
    let parentId = node.location.parentId;
    const seen = new Set<string>();
    while (parentId && !nodes.has(parentId) && byId.has(parentId) && !seen.has(parentId)) {
      seen.add(parentId);
      parentId = byId.get(parentId)!.parentId;
    }
    const parent = parentId ? nodes.get(parentId) : undefined;
    (parent && parent !== node ? parent.children : roots).push(node);
  }
  const sort = (list: TreeNode<L>[]) => {
    list.sort((a, b) => byTypeThenName(a.location, b.location));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** The location and its shown ancestors, top first: the breadcrumb trail. */
export function pathTo<L extends TreeLocation>(locations: Record<string, L>, id: string): L[] {
  const out: L[] = [];
  const seen = new Set<string>();
  for (let cur = locations[id]; cur && !seen.has(cur.id); cur = cur.parentId ? locations[cur.parentId] : undefined) {
    seen.add(cur.id);
    if (!hidden(cur)) out.unshift(cur);
  }
  return out;
}

export interface TreeRow<L extends TreeLocation = TreeLocation> {
  node: TreeNode<L>;
  level: number;
  expanded: boolean;
  hasChildren: boolean;
  /** True when the search matched this row itself (not only something under it). */
  match: boolean;
  parentId: string | null;
}

/**
 * The rows on screen, in order. Without a query, a node's children show when it is expanded; with a
 * query, every match shows with the path down to it opened.
 */
export function visibleRows<L extends TreeLocation>(
  roots: TreeNode<L>[],
  expanded: ReadonlySet<string>,
  query = "",
): TreeRow<L>[] {
  const q = query.trim().toLocaleLowerCase();
  const rows: TreeRow<L>[] = [];
  const matches = (n: TreeNode<L>) => n.location.name.toLocaleLowerCase().includes(q);
  const hasMatch = (n: TreeNode<L>): boolean => matches(n) || n.children.some(hasMatch);
  const walk = (list: TreeNode<L>[], level: number, parentId: string | null) => {
    for (const n of list) {
      if (q && !hasMatch(n)) continue;
      const open = q ? n.children.some(hasMatch) : expanded.has(n.location.id);
      rows.push({
        node: n,
        level,
        expanded: open,
        hasChildren: n.children.length > 0,
        match: q ? matches(n) : false,
        parentId,
      });
      if (open) walk(n.children, level + 1, n.location.id);
    }
  };
  walk(roots, 1, null);
  return rows;
}

/** Ids to open so that `id` is on screen: its ancestors in the tree. */
export function ancestorsOf<L extends TreeLocation>(locations: Record<string, L>, id: string): string[] {
  return pathTo(locations, id)
    .slice(0, -1)
    .map((l) => l.id);
}

export type TreeKey = "ArrowDown" | "ArrowUp" | "ArrowRight" | "ArrowLeft" | "Home" | "End";

/** What a key does on the focused row (WAI-ARIA tree view pattern): move focus, expand or collapse. */
export function keyAction<L extends TreeLocation>(
  rows: TreeRow<L>[],
  focusedId: string,
  key: TreeKey,
): { focus: string } | { expand: string } | { collapse: string } | null {
  const i = rows.findIndex((r) => r.node.location.id === focusedId);
  if (i < 0) return rows[0] ? { focus: rows[0].node.location.id } : null;
  const row = rows[i]!;
  const id = (k: number) => rows[k]?.node.location.id;
  switch (key) {
    case "ArrowDown":
      return id(i + 1) ? { focus: id(i + 1)! } : null;
    case "ArrowUp":
      return i > 0 ? { focus: id(i - 1)! } : null;
    case "Home":
      return { focus: id(0)! };
    case "End":
      return { focus: id(rows.length - 1)! };
    case "ArrowRight":
      if (!row.hasChildren) return null;
      return row.expanded ? { focus: id(i + 1)! } : { expand: focusedId };
    case "ArrowLeft":
      if (row.hasChildren && row.expanded) return { collapse: focusedId };
      return row.parentId ? { focus: row.parentId } : null;
  }
}
