import Link from "next/link";
import { listKioskTokens } from "@/lib/auth/kiosk-tokens";
import { getRegistryOrThrow } from "@/lib/registry";
import { listLocations } from "@/lib/store/locations";
import { setupAdmin } from "../admin-gate";
import { NoAccountYet } from "../../auth/_components/sign-in-required";
import { KioskAdmin } from "./kiosk-admin";

export const dynamic = "force-dynamic";

export default async function KioskLinksPage() {
  const { admin: p, page } = await setupAdmin("/setup/kiosks", "Only admins manage kiosk links");
  if (!p) return page;
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
