import Link from "next/link";
import { pathTo, type TreeLocation } from "./tree";

/** Where this location sits: every level above it, each a link, the current one marked. */
export function Breadcrumbs({ locations, currentId }: { locations: Record<string, TreeLocation>; currentId: string }) {
  const path = pathTo(locations, currentId);
  return (
    <nav aria-label="Breadcrumb" className="crumbs">
      <ol>
        <li>
          <Link href="/">All locations</Link>
        </li>
        {path.map((l) => (
          <li key={l.id}>
            {l.id === currentId ? (
              <span aria-current="page">{l.name}</span>
            ) : (
              <Link href={`/locations/${l.id}`}>{l.name}</Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
