import type { ReactElement } from "react";

// One small icon per source, always beside its word (never alone), drawn with currentColor.

const PATHS: Record<string, ReactElement> = {
  camera: (
    <>
      <rect x="2" y="6" width="14" height="12" rx="2" />
      <path d="M16 10l6-3v10l-6-3z" />
    </>
  ),
  people: (
    <>
      <circle cx="9" cy="7" r="3.2" />
      <path d="M3 20c0-3.6 2.7-6 6-6s6 2.4 6 6" />
      <circle cx="17.5" cy="8.5" r="2.4" />
      <path d="M16 14.2c3 .2 5 2.4 5 5.8" />
    </>
  ),
  wifi: (
    <>
      <path d="M2.5 9a14 14 0 0 1 19 0" />
      <path d="M5.8 12.6a9 9 0 0 1 12.4 0" />
      <path d="M9 16.1a4.4 4.4 0 0 1 6 0" />
      <circle cx="12" cy="19.3" r="1.3" />
    </>
  ),
  sum: <path d="M18 4H6l7 8-7 8h12" />,
  history: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </>
  ),
  none: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M7 12h10" />
    </>
  ),
};

export function iconFor(source: string | null | undefined): keyof typeof PATHS {
  if (!source) return "none";
  if (source.startsWith("wifi")) return "wifi";
  return source in PATHS ? source : "sum";
}

export function SourceIcon({ source, className }: { source: string | null | undefined; className?: string }) {
  return (
    <svg
      className={`source-icon ${className ?? ""}`}
      viewBox="0 0 24 24"
      width="14"
      height="14"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {PATHS[iconFor(source)]}
    </svg>
  );
}
