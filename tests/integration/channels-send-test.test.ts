import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer } from "../helpers/app-server";
import { bootApp } from "../helpers/app-in-process";
import { startSmtpSink, startWebhookSink, type SmtpSink, type WebhookSink } from "../helpers/channel-receivers";

// The setup page's "Send test" against the real server: each configured channel gets one test
// message and the admin is told it arrived, or why not.

let app: AppServer;
let smtp: SmtpSink;
let teams: WebhookSink;
let slack: WebhookSink;

beforeAll(async () => {
  [smtp, teams, slack] = await Promise.all([startSmtpSink(), startWebhookSink(), startWebhookSink()]);
  app = await bootApp({
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    ALERT_EMAIL_TO: "ops@example.com",
    TEAMS_WEBHOOK_URL: teams.url,
    SLACK_WEBHOOK_URL: slack.url,
  });
});

afterAll(async () => {
  await app?.stop();
  await Promise.all([smtp?.close(), teams?.close(), slack?.close()]);
});

const sendTest = async (channel: string) => {
  const res = await fetch(`${app.url}/api/channels/test`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ channel }),
  });
  return { status: res.status, body: (await res.json()) as { delivered?: boolean; error?: string | null } };
};

describe("send test", () => {
  it("lists the configured channels on the setup page", async () => {
    const html = await (await fetch(`${app.url}/setup`)).text();
    expect(html).toContain("Send test to E-mail");
    expect(html).toContain("Send test to Microsoft Teams");
    expect(html).toContain("Send test to Slack");
    expect(html).not.toContain("/webhook"); // the webhook path is a secret
  });

  it("delivers one test message per channel and says so", async () => {
    expect(await sendTest("email")).toEqual({ status: 200, body: { delivered: true, error: null } });
    expect(await sendTest("teams")).toEqual({ status: 200, body: { delivered: true, error: null } });
    expect(await sendTest("slack")).toEqual({ status: 200, body: { delivered: true, error: null } });
    expect(smtp.mails.filter((m) => m.data.includes("Subject: Floorpulse test message"))).toHaveLength(1);
    expect(teams.bodies).toHaveLength(1);
    expect((slack.bodies[0] as { text: string }).text).toMatch(
      /^Floorpulse test message\nSent by the demo admin from the setup page: Slack alerts/,
    );
  });

  it("tells the admin why a channel refused, and rejects an unknown channel", async () => {
    slack.status = 404;
    expect(await sendTest("slack")).toEqual({ status: 200, body: { delivered: false, error: "HTTP 404" } });
    slack.status = null;
    expect((await sendTest("carrier-pigeon")).status).toBe(400);
  });
});
