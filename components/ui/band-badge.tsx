import { bandOf, type Thresholds } from "@/lib/alerts/level";

// The capacity band as a pill: colour, a shape that differs per band (for colour-blind eyes) and a word.

const SHAPES = {
  ok: <circle cx="6" cy="6" r="4" />,
  busy: <path d="M6 1.5 10.8 10H1.2z" />,
  full: <rect x="2" y="2" width="8" height="8" rx="1" />,
  unknown: <circle cx="6" cy="6" r="4" fill="none" stroke="currentColor" strokeWidth="1.5" />,
} as const;

export function BandBadge({
  count,
  thresholds,
  hasData = true,
}: {
  count: number;
  thresholds: Thresholds;
  hasData?: boolean;
}) {
  const b = bandOf(count, thresholds);
  if (!hasData) return null;
  return (
    <span className={`band band--${b.band}`} data-band={b.band}>
      <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false" fill="currentColor">
        {SHAPES[b.band]}
      </svg>
      {b.word}
    </span>
  );
}
