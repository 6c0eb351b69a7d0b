import type { Db } from "@/lib/store/db";
import type { History } from "@/lib/health/days";
import type { ComponentCheck } from "@/lib/health/types";

// HealthCheck rows: one per component per minute, written together, read back for the status page.

/** All of one minute's checks in one statement: a minute is recorded whole or not at all. */
export async function writeChecks(db: Db, minute: number, checks: ComponentCheck[]): Promise<void> {
  const at = new Date(minute);
  await db.healthCheck.createMany({
    data: checks.map((c) => ({ component: c.component, at, status: c.status, detail: c.detail })),
  });
}

export async function pruneChecks(db: Db, before: number): Promise<number> {
  const { count } = await db.healthCheck.deleteMany({ where: { at: { lt: new Date(before) } } });
  return count;
}

/**
 * The history since `since`. Every minute records the web check, so its rows are the recorded
 * minutes; only rows that were not up carry more than that.
 */
export async function readHistory(db: Db, since: number): Promise<History> {
  const from = new Date(since);
  const [minutes, previous, problems] = await Promise.all([
    db.healthCheck.findMany({
      where: { component: "web", at: { gte: from } },
      select: { at: true },
      orderBy: { at: "asc" },
    }),
    db.healthCheck.findFirst({
      where: { component: "web", at: { lt: from } },
      select: { at: true },
      orderBy: { at: "desc" },
    }),
    db.healthCheck.findMany({
      where: { at: { gte: from }, status: { not: "up" } },
      select: { component: true, at: true, status: true, detail: true },
    }),
  ]);
  return {
    minutes: minutes.map((r) => r.at.getTime()),
    previousMinute: previous ? previous.at.getTime() : null,
    problems: problems.map((p) => ({ component: p.component, at: p.at.getTime(), status: p.status, detail: p.detail })),
  };
}
