import "./insights.css";
import { InsightsPage } from "./insights-page";

export const dynamic = "force-dynamic";

export default async function Page({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return <InsightsPage scopeId={null} searchParams={await searchParams} />;
}
