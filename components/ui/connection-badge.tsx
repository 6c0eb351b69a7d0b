"use client";
import type { IngestStatus } from "@/lib/realtime/protocol";
import { useConnection } from "@/components/realtime/use-connection";

const WORDS = { connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…" } as const;

/** The browser's link to us, and our link to Cisco Spaces, in words. */
export function ConnectionBadge({ ingest }: { ingest: IngestStatus | null }) {
  const state = useConnection();
  const upstreamDown = ingest && ingest.state !== "connected" && ingest.state !== "starting";
  return (
    <div className="status" role="status" aria-live="polite">
      <span className={`status__dot status__dot--${state}`} aria-hidden />
      <span data-testid="connection-state">{WORDS[state]}</span>
      {upstreamDown && (
        <span className="status__upstream" title={ingest.detail ?? undefined}>
          · Cisco Spaces stream {ingest.state === "unauthorized" ? "refused our API key" : ingest.state}
          {ingest.detail ? ` (${ingest.detail})` : ""}
        </span>
      )}
    </div>
  );
}
