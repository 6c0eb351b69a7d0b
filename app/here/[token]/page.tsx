import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { HereView } from "@/components/kiosk/here-view";
import { KioskMessage } from "@/components/kiosk/kiosk-message";
import { hereLinkState } from "@/lib/auth/here-links";
import { findAuthRegistry } from "@/lib/auth/registry";
import { loadKioskStart } from "@/lib/kiosk/load";
import "../../kiosk/kiosk.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "You are here · Floorpulse", robots: { index: false, follow: false } };
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

const REFUSED = {
  revoked: "This display link was revoked",
  expired: "This code has expired",
  unknown: "This link is not valid",
} as const;

/** "You are here": opened from the QR code on a kiosk, on a visitor's phone on the venue Wi-Fi. */
export default async function HerePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  await headers();
  const reg = findAuthRegistry();
  if (!reg) return null;
  const link = await hereLinkState(reg.db, reg.auth.dataKey, token, reg.auth.now());
  if (link.state !== "active") {
    return (
      <div className="kiosk here" data-theme="dark" data-testid="here" data-state={link.state}>
        <KioskMessage
          title={REFUSED[link.state]}
          detail={link.state === "expired" ? "Scan the code on the screen again." : "Ask the venue for a new one."}
        />
      </div>
    );
  }
  const start = await loadKioskStart(reg.db, link.kiosk, token, reg.config.TIME_ZONE);
  return (
    <HereView
      token={token}
      theme={link.kiosk.theme === "light" ? "light" : "dark"}
      scopeId={link.kiosk.locationId}
      locations={start.locations}
      settings={start.settings}
      maps={start.maps}
    />
  );
}
