import { notFound } from "next/navigation";
import { NoAccountYet, SignInRequired } from "@/app/auth/_components/sign-in-required";
import { currentPrincipal } from "@/lib/auth/page";
import { canSeeLocation, visibleLocationIds } from "@/lib/auth/scope";
import { loadInsights } from "@/lib/insights/load";
import { readInsightsRequest } from "@/lib/insights/request";
import { insightsSettings } from "@/lib/insights/settings";
import { getRegistryOrThrow } from "@/lib/registry";
import { findLocation } from "@/lib/store/locations";
import { InsightsView } from "@/components/insights/insights-view";

type Search = Record<string, string | string[] | undefined>;

/** The insights page for every location (`scopeId` null) or one location and what is below it. */
export async function InsightsPage({ scopeId, searchParams }: { scopeId: string | null; searchParams: Search }) {
  const basePath = scopeId ? `/insights/${encodeURIComponent(scopeId)}` : "/insights";
  const principal = await currentPrincipal();
  if (!principal || principal.kind === "kiosk") return <SignInRequired next={basePath} />;
  if (!principal.tenantId) return <NoAccountYet admin={principal.role === "admin"} />;
  const { db, config } = getRegistryOrThrow();
  const insights = insightsSettings(config);
  const scope = scopeId ? await findLocation(db, scopeId) : null;
  if (scopeId && (!scope || !(await canSeeLocation(db, principal, scopeId)))) notFound();
  const raw = Object.fromEntries(Object.entries(searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const r = readInsightsRequest({ ...raw, scope: scopeId ?? undefined }, insights.hours);
  if (!r.ok)
    return (
      <div className="insights">
        <h1>Insights</h1>
        <p className="error" role="alert">
          {r.message}
        </p>
        <a href={basePath}>Show the last 7 days</a>
      </div>
    );
  const visible = principal.scopeLocationId ? await visibleLocationIds(db, principal) : null;
  const data = await loadInsights(db, {
    tenantId: principal.tenantId,
    scopeId,
    visible,
    period: r.period,
    hours: r.hours,
    rightSizing: insights.rightSizing,
    now: Date.now(),
    fallbackTimeZone: config.TIME_ZONE,
  });
  return <InsightsView data={data} title={scope?.name ?? "All locations"} basePath={basePath} />;
}
