import type { Metadata } from "next";
import { headers } from "next/headers";
import { KioskDisplay } from "@/components/kiosk/kiosk-display";
import { KioskMessage } from "@/components/kiosk/kiosk-message";
import { kioskTokenState } from "@/lib/auth/kiosk-tokens";
import { findAuthRegistry } from "@/lib/auth/registry";
import { hereLinkFor } from "@/lib/kiosk/here-code";
import { loadKioskStart } from "@/lib/kiosk/load";
import "../kiosk.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Floorpulse display", robots: { index: false, follow: false } };

const REFUSED = {
  revoked: "This display link was revoked",
  expired: "This display link has expired",
  unknown: "This display link is not valid",
} as const;

/** A kiosk display: no sign-in, read-only, only the link's location subtree. */
export default async function KioskPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  await headers(); // rendered per request
  const reg = findAuthRegistry();
  if (!reg) return null;
  const link = await kioskTokenState(reg.db, token);
  if (link.state !== "active") {
    return (
      <div className="kiosk" data-theme="dark" data-testid="kiosk" data-link={link.state}>
        <KioskMessage
          title={REFUSED[link.state]}
          detail={
            link.state === "revoked" || link.state === "expired"
              ? "Ask your Floorpulse admin for a new kiosk link."
              : "Check the address, or ask your Floorpulse admin for a kiosk link."
          }
        />
      </div>
    );
  }
  const { kiosk } = link;
  const start = await loadKioskStart(reg.db, kiosk, token, reg.config.TIME_ZONE);
  // The QR code carries a short-lived token of its own, never this display's link (lib/auth/here-links).
  const here = await hereLinkFor(reg.auth.dataKey, reg.auth.settings.publicUrl, kiosk.id, reg.auth.now());
  return (
    <KioskDisplay
      token={token}
      label={kiosk.label}
      theme={kiosk.theme === "light" ? "light" : "dark"}
      rotateSec={kiosk.rotateSec}
      staleAfterMs={reg.config.KIOSK_STALE_AFTER_S * 1000}
      scopeId={kiosk.locationId}
      locations={start.locations}
      settings={start.settings}
      maps={start.maps}
      timeZone={start.timeZone}
      here={here}
    />
  );
}
