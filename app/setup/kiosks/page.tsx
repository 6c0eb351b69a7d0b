import Link from "next/link";
import { listKioskTokens } from "@/lib/auth/kiosk-tokens";
import { currentPrincipal } from "@/lib/auth/page";
import { getRegistryOrThrow } from "@/lib/registry";
import { listLocations } from "@/lib/store/locations";
import { NoAccountYet, SignInRequired } from "../../auth/_components/sign-in-required";
import { KioskAdmin } from "./kiosk-admin";

export const dynamic = "force-dynamic";

export default async function KioskLinksPage() {
  const p = await currentPrincipal();
  if (!p || p.kind === "kiosk") return <SignInRequired next="/setup/kiosks" />;
  if (p.role !== "admin") {
    return (
      <div className="empty auth-gate" role="status">
        <h1>Only admins manage kiosk links</h1>
      </div>
    );
  }
  if (!p.tenantId) return <NoAccountYet admin />;
  const { db } = getRegistryOrThrow();
  const [kiosks, locations] = await Promise.all([listKioskTokens(db, p.tenantId), listLocations(db, p.tenantId)]);
  return (
    <div className="auth-card auth-card--wide">
      <nav className="crumbs">
        <Link href="/setup">Setup</Link> / Kiosk links
      </nav>
      <h1>Kiosk display links</h1>
      <p>
        A kiosk link shows one location and what is inside it, read-only, without signing in. Revoke it when the screen
        goes away.
      </p>
      <KioskAdmin
        now={Date.now()}
        kiosks={kiosks}
        locations={locations
          .filter((l) => l.type !== "ROOT")
          .map((l) => ({ id: l.id, name: `${l.name} (${l.type.toLowerCase()})` }))}
      />
    </div>
  );
}
