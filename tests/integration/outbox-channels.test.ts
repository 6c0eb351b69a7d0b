import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startNotifications } from "@/lib/notify/notifications";
import { createAlertService } from "@/lib/alerts/service";
import { loadConfigOrThrow } from "@/lib/config";
import { createSenders } from "@/lib/notify/channels/senders";
import { createOutbox, type Outbox } from "@/lib/notify/outbox";
import { createLogger } from "@/lib/log";
import { createDb, type Db } from "@/lib/store/db";
import { applyMigrations } from "@/lib/store/migrate";
import { boardRoomFull } from "../helpers/notice";
import { removeDir, ROOT, tempDir } from "../helpers/app-server";
import {
  startSmtpSink,
  startWebhookSink,
  type Mail,
  type SmtpSink,
  type WebhookSink,
} from "../helpers/channel-receivers";

// Alerts and summaries reach people where they are: a real SMTP server (smtp-server) and local HTTP
// receivers shaped like Microsoft Teams and Slack incoming webhooks. The outbox lives in a real
// SQLite file, so a restart in the middle of retries still delivers each message exactly once.

let dir: string;
let url: string;
let smtp: SmtpSink;
let smtpPort: number;
let mails: Mail[];
const hooks = {} as Record<"teams" | "slack", WebhookSink>;

const log = createLogger("silent");
const notice = boardRoomFull;

function outboxOn(db: Db, now: () => number = Date.now): Outbox {
  const senders = createSenders({
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    emailFrom: "Floorpulse <fp@example.com>",
    emailTo: ["facilities@example.com"],
    teamsUrl: hooks.teams.url,
    slackUrl: hooks.slack.url,
  });
  return createOutbox({ db, log, senders, maxAttempts: 5, now, random: () => 1, baseDelayMs: 1000 });
}

beforeAll(async () => {
  dir = tempDir();
  url = `file:${join(dir, "t.db")}`;
  await applyMigrations(ROOT, url);
  smtp = await startSmtpSink();
  smtpPort = smtp.port;
  mails = smtp.mails;
  hooks.teams = await startWebhookSink();
  hooks.slack = await startWebhookSink();
});

afterEach(() => {
  mails.length = 0;
  hooks.teams.bodies.length = 0;
  hooks.slack.bodies.length = 0;
});

afterAll(async () => {
  await smtp?.close();
  for (const h of Object.values(hooks)) await h.close();
  removeDir(dir);
});

describe("channel delivery through the outbox", () => {
  it("delivers an alert to the SMTP server and to Teams and Slack in their own formats", async () => {
    const db = createDb(url);
    const outbox = outboxOn(db);
    expect(outbox.channels).toEqual(["email", "teams", "slack"]);
    await outbox.enqueue({ tenantId: "t1", kind: "alert", key: "alert:a1:raised", notice });
    // The same news queued again is the same messages.
    await outbox.enqueue({ tenantId: "t1", kind: "alert", key: "alert:a1:raised", notice });
    expect(await outbox.tick()).toEqual({ sent: 3, failed: 0 });
    expect(await outbox.tick()).toEqual({ sent: 0, failed: 0 });

    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(["facilities@example.com"]);
    expect(mails[0]!.data).toContain("Subject: Board Room is full");
    expect(mails[0]!.data).toContain("Message-ID: <alert:a1:raised:email@floorpulse>");
    expect(mails[0]!.data).toContain("14 people of 12 at Fri 13:05 (Europe/London).");

    expect(hooks.teams.bodies).toHaveLength(1);
    const card = hooks.teams.bodies[0] as {
      type: string;
      attachments: Array<{
        contentType: string;
        content: {
          type: string;
          body: Array<{ id?: string; text: string; color?: string }>;
          actions: Array<{ url: string }>;
        };
      }>;
    };
    expect(card.type).toBe("message");
    expect(card.attachments[0]!.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(card.attachments[0]!.content.body[0]).toMatchObject({
      id: "alert:a1:raised:teams",
      text: "Board Room is full",
      color: "Attention",
    });
    expect(card.attachments[0]!.content.actions[0]!.url).toBe("https://floorpulse.example/locations/loc-1");

    expect(hooks.slack.bodies).toEqual([
      {
        text: "Board Room is full\n14 people of 12 at Fri 13:05 (Europe/London).",
        blocks: [
          // The outbox id: the same message sent again after a crash can be recognised.
          {
            type: "header",
            block_id: "alert:a1:raised:slack",
            text: { type: "plain_text", text: "Board Room is full" },
          },
          { type: "section", text: { type: "mrkdwn", text: "14 people of 12 at Fri 13:05 (Europe/London)." } },
          {
            type: "section",
            text: { type: "mrkdwn", text: "<https://floorpulse.example/locations/loc-1|Open Board Room>" },
          },
        ],
      },
    ]);
    await outbox.close();
    await db.$disconnect();
  });

  it("keeps retrying across a restart and then delivers exactly once", async () => {
    let clock = Date.UTC(2026, 11, 4, 12);
    hooks.slack.failNext = 2;
    hooks.teams.failNext = 1;
    const first = createDb(url);
    const before = outboxOn(first, () => clock);
    await before.enqueue({
      tenantId: "t1",
      kind: "summary",
      key: "summary:t1:2026-11-30",
      notice: { ...notice, title: "Week of 30 November", tone: "good" },
    });
    expect(await before.tick()).toEqual({ sent: 1, failed: 2 }); // e-mail went; Teams and Slack answered 503
    // The process stops mid-retry: nothing of the outbox survives but the database file.
    await before.close();
    await first.$disconnect();

    const second = createDb(url);
    const after = outboxOn(second, () => clock);
    expect(await after.tick()).toEqual({ sent: 0, failed: 0 }); // not due yet: backoff is kept
    clock += 2_000;
    expect(await after.tick()).toEqual({ sent: 1, failed: 1 }); // Teams now; Slack fails a second time
    clock += 10_000;
    expect(await after.tick()).toEqual({ sent: 1, failed: 0 });
    clock += 600_000;
    expect(await after.tick()).toEqual({ sent: 0, failed: 0 });

    expect(mails.filter((m) => m.data.includes("Week of 30 November"))).toHaveLength(1);
    expect(hooks.teams.bodies).toHaveLength(1);
    expect(hooks.slack.bodies).toHaveLength(1);
    const rows = await second.outboxMessage.findMany({
      where: { id: { startsWith: "summary:t1:" } },
      orderBy: { id: "asc" },
    });
    expect(rows.map((r) => [r.channel, r.attempts, r.sentAt !== null])).toEqual([
      ["email", 1, true],
      ["slack", 3, true],
      ["teams", 2, true],
    ]);
    await after.close();
    await second.$disconnect();
  });

  it("gives up on a refusal a retry cannot fix, and says why", async () => {
    const db = createDb(url);
    const gone = createServer((_, res) => res.writeHead(404).end("no_service"));
    await new Promise<void>((ok) => gone.listen(0, "127.0.0.1", ok));
    const outbox = createOutbox({
      db,
      log,
      senders: {
        slack: createSenders({ emailFrom: "x", slackUrl: `http://127.0.0.1:${(gone.address() as AddressInfo).port}/` })
          .slack!,
      },
      maxAttempts: 5,
    });
    const [id] = await outbox.enqueue({ tenantId: null, kind: "test", key: "test:1", notice });
    expect(await outbox.tick()).toEqual({ sent: 0, failed: 1 });
    const row = await db.outboxMessage.findUnique({ where: { id: id! } });
    expect(row).toMatchObject({ attempts: 1, lastError: "HTTP 404", sentAt: null });
    expect(row!.failedAt).not.toBeNull();
    await outbox.close();
    await new Promise<void>((ok) => gone.close(() => ok()));
    await db.$disconnect();
  });
});

describe("alerts and the weekly summary, wired as server.ts wires them", () => {
  it("sends a raised alert and Monday's summary to every channel, once", async () => {
    const db = createDb(url);
    await db.tenant.create({ data: { id: "t9", partnerTenantId: "p9", name: "T" } });
    await db.location.create({
      data: { id: "room9", tenantId: "t9", name: "Huddle 9", type: "ZONE", capacity: 2, timeZone: "Europe/London" },
    });
    const config = loadConfigOrThrow({
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      ALERT_EMAIL_TO: "ops@example.com",
      TEAMS_WEBHOOK_URL: hooks.teams.url,
      SLACK_WEBHOOK_URL: hooks.slack.url,
      TIME_ZONE: "Europe/London",
      WEEKLY_SUMMARY_AT: "Mon 08:00",
    });
    // Monday 7 December 2026, 08:30 in London: this week's summary is due.
    const now = () => Date.UTC(2026, 11, 7, 8, 30);
    const n = startNotifications({ db, log, config, publicUrl: "https://fp.example", now });
    const alerts = createAlertService({ db, log, onAlert: n.onAlert, now });
    await alerts.observe("t9", [{ locationId: "room9", count: 3, at: now() }]);

    await vi.waitFor(
      () => {
        expect(mails.map((m) => /Subject: (.*)/.exec(m.data)?.[1]).sort()).toEqual([
          "Huddle 9 is full",
          "Workplace summary, week of 2026-11-30",
        ]);
        expect(hooks.teams.bodies).toHaveLength(2);
        expect(hooks.slack.bodies).toHaveLength(2);
      },
      { timeout: 20_000, interval: 100 },
    );
    const slackTexts = hooks.slack.bodies.map((b) => (b as { text: string }).text).sort();
    expect(slackTexts[0]).toBe("Huddle 9 is full\n3 people of 2 at Mon 08:30 (Europe/London).");
    expect(slackTexts[1]).toContain(
      "Workplace summary, week of 2026-11-30\nWorking hours Mon-Fri 08:00-18:00, 2026-11-30 to 2026-12-06.",
    );
    await alerts.close();
    await n.close();
    // Started again the same morning: the summary is the same news, not sent twice.
    const again = startNotifications({ db, log, config, publicUrl: "https://fp.example", now });
    await again.outbox.tick();
    await again.close();
    expect(mails).toHaveLength(2);
    await db.$disconnect();
  });
});
