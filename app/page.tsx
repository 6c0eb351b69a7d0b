import { Overview } from "@/components/overview/overview";
import { getRegistryOrThrow } from "@/lib/registry";
import { listLocations } from "@/lib/store/locations";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const locations = await listLocations(getRegistryOrThrow().db);
  return (
    <>
      <h1>Occupancy now</h1>
      <Overview initialLocations={locations} />
    </>
  );
}
