"use client";
import { useEffect, useState } from "react";
import type { IngestStatus } from "@/lib/realtime/protocol";
import { useConnection } from "@/components/realtime/use-connection";
import { clock } from "./occupancy-figure";

const WORDS = { connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…" } as const;

const UPSTREAM: Record<IngestStatus["state"], string | null> = {
  starting: null,
  connected: null,
  connecting: "connecting to the Cisco Spaces stream",
  retrying: "the Cisco Spaces stream dropped; reconnecting",
  unauthorized: "Cisco Spaces refused our API key",
  paused: "reading from Cisco Spaces is paused",
  stopped: "the Cisco Spaces stream is stopped",
  deactivated: "Floorpulse was deactivated in Cisco Spaces; showing the last known numbers",
};

/**
 * Our link to the browser and Cisco's link to us, in words. Quiet while both are up; a banner when
 * either is down, saying since when and that numbers may be behind.
 */
export function ConnectionBadge({ ingest }: { ingest: IngestStatus | null }) {
  const state = useConnection();
  const upstream = ingest ? UPSTREAM[ingest.state] : null;
  const down = state === "reconnecting" || upstream !== null;
  const [since, setSince] = useState<number | null>(null);
  useEffect(() => setSince(down ? (s) => s ?? Date.now() : null), [down]);
  return (
    <div className={`status ${down ? "status--down" : ""}`} role={down ? "alert" : "status"} aria-live="polite">
      <span className={`status__dot status__dot--${state}`} aria-hidden />
      <span data-testid="connection-state">{WORDS[state]}</span>
      {state === "reconnecting" && (
        <span className="status__detail">
          · lost the live connection{since ? ` at ${clock(since)}` : ""}; numbers may be behind until it is back
        </span>
      )}
      {upstream && (
        <span className="status__detail" title={ingest?.detail ?? undefined}>
          · {upstream}
          {ingest?.detail ? ` (${ingest.detail})` : ""}
          {since ? ` since ${clock(since)}` : ""}
        </span>
      )}
    </div>
  );
}
