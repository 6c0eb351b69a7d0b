import type { Config } from "@/lib/config";
import { loadInsights } from "@/lib/insights/load";
import { insightsSettings } from "@/lib/insights/settings";
import type { Logger } from "@/lib/log";
import type { AlertRow } from "@/lib/store/alerts";
import type { Db } from "@/lib/store/db";
import { locationTimeZone } from "@/lib/store/location-zone";
import { listTenantIds } from "@/lib/store/outbox";
import { alertNotice } from "./channels/notice";
import { createSenders } from "./channels/senders";
import { createOutbox, type Outbox } from "./outbox";
import { lastSummarySlot, summaryNotice, summaryPeriod } from "./weekly-summary";

// Alerts and the weekly summary sent where people are (e-mail, Teams, Slack), through the outbox.
// Wired by server.ts where ingest runs; does nothing when no channel is configured.

/** A summary found due later than this after its time is left out (a server down all Monday). */
const SUMMARY_LATE_MS = 24 * 3_600_000;

export interface Notifications {
  outbox: Outbox;
  /** For the alert service: queue a raised or cleared alert. */
  onAlert(row: AlertRow, t: { name: string; capacity: number | null } | undefined): void;
  close(): Promise<void>;
}

export function channelSettings(c: Config) {
  return {
    smtpUrl: c.SMTP_URL,
    smtpCaFile: c.SMTP_CA_FILE,
    emailFrom: c.ALERT_EMAIL_FROM,
    emailTo: c.ALERT_EMAIL_TO,
    teamsUrl: c.TEAMS_WEBHOOK_URL,
    slackUrl: c.SLACK_WEBHOOK_URL,
  };
}

export function startNotifications(o: {
  db: Db;
  log: Logger;
  config: Config;
  publicUrl: string;
  now?: () => number;
}): Notifications {
  const log = o.log.child({ module: "notifications" });
  const now = o.now ?? Date.now;
  const outbox = createOutbox({
    db: o.db,
    log: o.log,
    senders: createSenders(channelSettings(o.config)),
    maxAttempts: o.config.OUTBOX_MAX_ATTEMPTS,
    now,
  });
  outbox.start();
  const pending = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    const q = p.catch((e: Error) => log.error({ err: e.message }, "queueing a notification failed"));
    pending.add(q);
    void q.finally(() => pending.delete(q));
  };

  const summaryTick = async () => {
    const tz = o.config.TIME_ZONE;
    const slot = lastSummarySlot(now(), o.config.WEEKLY_SUMMARY_AT, tz);
    if (now() - slot > SUMMARY_LATE_MS) return;
    const period = summaryPeriod(slot, tz);
    const s = insightsSettings(o.config);
    for (const tenantId of await listTenantIds(o.db)) {
      const key = `summary:${tenantId}:${period.to}`;
      const i = await loadInsights(o.db, {
        tenantId,
        scopeId: null,
        visible: null,
        period,
        hours: s.hours,
        rightSizing: s.rightSizing,
        now: now(),
        fallbackTimeZone: tz,
      });
      await outbox.enqueue({ tenantId, kind: "summary", key, notice: summaryNotice(i, o.publicUrl) });
    }
  };
  const timer = outbox.channels.length ? setInterval(() => track(summaryTick()), 60_000) : null;
  timer?.unref();
  if (timer) track(summaryTick());

  return {
    outbox,
    onAlert(row, t) {
      if (!outbox.channels.length) return;
      track(
        (async () => {
          const timeZone = await locationTimeZone(o.db, row.locationId, o.config.TIME_ZONE);
          const kind = row.clearedAt === null ? "raised" : "cleared";
          const notice = alertNotice(
            {
              kind,
              level: row.level,
              locationName: t?.name ?? row.locationId,
              count: row.count,
              capacity: t?.capacity ?? null,
              at: row.clearedAt ?? row.at,
              timeZone,
            },
            o.publicUrl,
            row.locationId,
          );
          await outbox.enqueue({ tenantId: row.tenantId, kind: "alert", key: `alert:${row.id}:${kind}`, notice });
          await outbox.tick();
        })(),
      );
    },
    async close() {
      if (timer) clearInterval(timer);
      await Promise.allSettled([...pending]);
      await outbox.close();
    },
  };
}
