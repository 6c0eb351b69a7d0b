"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { Occupancy } from "@/lib/occupancy/types";
import { bandOf } from "@/lib/alerts/level";
import { freshness } from "@/lib/occupancy/present";
import { clock } from "@/components/ui/occupancy-figure";
import { useNow } from "@/components/ui/use-now";
import type { LocationSettings } from "@/lib/store/location-settings";
import { ancestorsOf, buildTree, keyAction, visibleRows, type TreeKey, type TreeLocation } from "./tree";
import { Icon } from "@/components/ui/icon";

const TYPE_WORDS: Record<string, string> = {
  CAMPUS: "Campus",
  BUILDING: "Building",
  FLOOR: "Floor",
  ZONE: "Zone",
  OTHER: "Area",
  ROOT: "All",
};

interface Props {
  locations: Record<string, TreeLocation>;
  counts: Record<string, Occupancy>;
  settings: Record<string, Pick<LocationSettings, "capacity" | "targetCapacity">>;
  currentId: string | null;
}

/**
 * The location hierarchy (campus, building, floor, zone) as an ARIA tree with search: arrows move,
 * right and left open and close, Enter opens the location. Each row shows its live count and band.
 */
export function LocationTree({ locations, counts, settings, currentId }: Props) {
  const router = useRouter();
  const now = useNow(15_000);
  const roots = useMemo(() => buildTree(Object.values(locations)), [locations]);
  const [query, setQuery] = useState("");
  const [expanded, setExpanded] = useState<Set<string>>(() => {
    const open = new Set<string>(currentId ? ancestorsOf(locations, currentId) : []);
    // Buildings start open: the floors are what people come for.
    for (const l of Object.values(locations)) if (l.type === "CAMPUS" || l.type === "BUILDING") open.add(l.id);
    return open;
  });
  const rows = useMemo(() => visibleRows(roots, expanded, query), [roots, expanded, query]);
  const [focused, setFocused] = useState<string | null>(currentId);
  const focusId = rows.some((r) => r.node.location.id === focused) ? focused : (rows[0]?.node.location.id ?? null);
  const refs = useRef(new Map<string, HTMLAnchorElement>());
  const moveFocus = useRef(false);

  useEffect(() => {
    if (moveFocus.current && focusId) refs.current.get(focusId)?.focus();
    moveFocus.current = false;
  }, [focusId, rows]);

  const toggle = (id: string, open: boolean) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (open) next.add(id);
      else next.delete(id);
      return next;
    });

  const onKey = (e: KeyboardEvent<HTMLAnchorElement>, id: string) => {
    if (e.key === " ") {
      e.preventDefault();
      return router.push(`/locations/${id}`);
    }
    if (!["ArrowDown", "ArrowUp", "ArrowRight", "ArrowLeft", "Home", "End"].includes(e.key)) return;
    e.preventDefault();
    const a = keyAction(rows, id, e.key as TreeKey);
    if (!a) return;
    if ("focus" in a) {
      moveFocus.current = true;
      setFocused(a.focus);
    } else if ("expand" in a) toggle(a.expand, true);
    else toggle(a.collapse, false);
  };

  return (
    <nav className="tree" aria-label="Locations">
      <label className="tree__search">
        <span className="visually-hidden">Search locations</span>
        <Icon>
          <circle cx="11" cy="11" r="6.5" />
          <path d="m16 16 4.5 4.5" />
        </Icon>
        <input
          type="search"
          placeholder="Search locations"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-controls="location-tree"
        />
      </label>
      {query && (
        <p className="tree__hint" role="status">
          {rows.filter((r) => r.match).length === 0
            ? `Nothing matches “${query}”.`
            : `${rows.filter((r) => r.match).length} matching`}
        </p>
      )}
      {roots.length === 0 && (
        <p className="tree__hint">No locations yet: they appear with the first events from Cisco Spaces.</p>
      )}
      <ul role="tree" id="location-tree" aria-label="Location hierarchy" className="tree__list">
        {rows.map((r) => {
          const l = r.node.location;
          const c = counts[l.id];
          const s = settings[l.id];
          const band =
            c && c.source !== null
              ? bandOf(c.count, { capacity: s?.capacity ?? null, targetCapacity: s?.targetCapacity ?? null })
              : null;
          const fresh = freshness(c, now);
          const stale = fresh.state === "stale" ? `stale since ${clock(fresh.since)}` : null;
          const spoken = [
            l.name,
            TYPE_WORDS[l.type] ?? l.type,
            band ? `${c!.count} people` : "no data",
            band && band.band !== "unknown" ? band.word : null,
            stale,
          ]
            .filter(Boolean)
            .join(", ");
          return (
            <li key={l.id} role="none">
              <Link
                href={`/locations/${l.id}`}
                role="treeitem"
                aria-label={spoken}
                aria-level={r.level}
                aria-expanded={r.hasChildren ? r.expanded : undefined}
                aria-selected={l.id === currentId}
                aria-current={l.id === currentId ? "page" : undefined}
                tabIndex={l.id === focusId ? 0 : -1}
                ref={(a) => {
                  if (a) refs.current.set(l.id, a);
                  else refs.current.delete(l.id);
                }}
                onFocus={() => setFocused(l.id)}
                onKeyDown={(e) => onKey(e, l.id)}
                className={`tree__item ${l.id === currentId ? "tree__item--current" : ""} ${r.match ? "tree__item--match" : ""}`}
                style={{ paddingInlineStart: `${0.5 + (r.level - 1) * 1.1}rem` }}
              >
                <span
                  className={`tree__twisty ${r.hasChildren ? "" : "tree__twisty--leaf"}`}
                  aria-hidden="true"
                  onClick={(e) => {
                    if (!r.hasChildren) return;
                    e.preventDefault();
                    e.stopPropagation();
                    toggle(l.id, !r.expanded);
                  }}
                >
                  {r.hasChildren ? (r.expanded ? "▾" : "▸") : ""}
                </span>
                <span className="tree__name" title={l.name}>
                  {l.name}
                </span>
                {c && c.source !== null ? (
                  <span
                    className={`tree__count tree__count--${band?.band ?? "unknown"} ${stale ? "tree__count--stale" : ""}`}
                    title={stale ?? undefined}
                  >
                    {c.count}
                  </span>
                ) : (
                  <span className="tree__count tree__count--none">–</span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
