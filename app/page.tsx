import { LocationOverview } from "@/components/location-tree/location-overview";
import { listAlerts } from "@/lib/store/alerts";
import { currentPrincipal } from "@/lib/auth/page";
import { recentShown } from "@/lib/history/query";
import { loadTenantLocations } from "@/lib/store/location-settings";
import { getRegistryOrThrow } from "@/lib/registry";
import { NoAccountYet, SignInRequired } from "./auth/_components/sign-in-required";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const principal = await currentPrincipal();
  if (!principal || principal.kind === "kiosk") return <SignInRequired next="/" />;
  if (!principal.tenantId) return <NoAccountYet admin={principal.role === "admin"} />;
  const { db } = getRegistryOrThrow();
  const [{ locations, settings }, alerts] = await Promise.all([
    loadTenantLocations(db, principal.tenantId),
    listAlerts(db, { tenantId: principal.tenantId, limit: 10 }),
  ]);
  const sparklines = await recentShown(
    db,
    locations.filter((l) => l.type === "FLOOR").map((l) => l.id),
    Date.now(),
  );
  return (
    <LocationOverview
      scopeId={null}
      locations={locations}
      settings={settings}
      sparklines={sparklines}
      alerts={alerts}
      canEdit={principal.role === "admin"}
    />
  );
}
