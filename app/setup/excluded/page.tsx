import Link from "next/link";
import { MAX_MAC_FILTERS } from "@/lib/privacy/mac-filters";
import { setupAdmin } from "../admin-gate";
import { NoAccountYet } from "../../auth/_components/sign-in-required";
import { ExcludedDevicesEditor } from "./excluded-devices-editor";

export const dynamic = "force-dynamic";

/** The tenant's opt-out list, kept at Cisco Spaces as Firehose MAC filters (admins only). */
export default async function ExcludedDevicesPage() {
  const { admin: p, page } = await setupAdmin(
    "/setup/excluded",
    "Only admins manage excluded devices",
    "Ask a Floorpulse admin to add a device to the list.",
  );
  if (!p) return page;
  if (!p.tenantId) return <NoAccountYet admin />;
  return (
    <div className="auth-card auth-card--wide">
      <nav className="crumbs">
        <Link href="/setup">Setup</Link> / Excluded devices
      </nav>
      <h1>Excluded devices</h1>
      <p>
        Devices on this list are never tracked: people who asked not to be, and infrastructure such as printers. Cisco
        Spaces keeps the list and stops sending these devices to Floorpulse, so they leave the maps and counts (within
        10 minutes, when Floorpulse stops hearing from them). Floorpulse does not store the list.
      </p>
      <p className="hint">
        One MAC address per line (aa:bb:cc:dd:ee:ff, any case, ":" or "-"), or a pattern: <code>*</code> stands for any
        run of characters and <code>?</code> for one, as in <code>00:1b:a9:*</code> for every printer of one maker. Up
        to {MAX_MAC_FILTERS} entries. See <Link href="/privacy">what Floorpulse keeps</Link>.
      </p>
      <ExcludedDevicesEditor />
    </div>
  );
}
