import type { Suggestion } from "@/lib/insights/schema";

const TITLES: Record<Suggestion["kind"], string> = {
  oversized: "Larger than its meetings need",
  often_full: "Often full",
  consolidate_floor: "Consolidation candidate",
};

/** The right-sizing suggestions, each with its evidence and the rule behind it. */
export function RightSizingList({
  suggestions,
  linkFor,
}: {
  suggestions: Suggestion[];
  linkFor: (id: string) => string;
}) {
  if (!suggestions.length)
    return <p className="empty">No room or floor crosses a right-sizing threshold in this period.</p>;
  return (
    <ul className="suggestions" aria-label="Right-sizing suggestions">
      {suggestions.map((s) => (
        <li
          key={`${s.kind}-${s.locationId}`}
          className={`suggestion suggestion--${s.kind}`}
          data-testid={`suggestion-${s.kind}`}
        >
          <h3 className="suggestion__title">
            <a href={linkFor(s.locationId)}>{s.name}</a>: {TITLES[s.kind]}
          </h3>
          <p className="suggestion__reason">{s.reason}</p>
          <p className="hint">
            <strong>Rule:</strong> {s.rule}
          </p>
        </li>
      ))}
    </ul>
  );
}
