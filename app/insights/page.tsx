import "./insights.css";
import { InsightsPage } from "@/components/insights/insights-page";

export const dynamic = "force-dynamic";

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <InsightsPage scopeId={null} searchParams={await searchParams} />;
}
