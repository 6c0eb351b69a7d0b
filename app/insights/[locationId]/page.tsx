import "../insights.css";
import { InsightsPage } from "../insights-page";

export const dynamic = "force-dynamic";

export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ locationId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ locationId }, sp] = await Promise.all([params, searchParams]);
  return <InsightsPage scopeId={locationId} searchParams={sp} />;
}
