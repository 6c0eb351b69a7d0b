import type { Config } from "@/lib/config";
import { CHANNEL_WORDS, type ChannelName } from "./channels/notice";

const hostOf = (url: string | undefined) => {
  try {
    return url ? new URL(url).host : "";
  } catch {
    return "";
  }
};

/** The configured channels as the setup page lists them: where each goes, without secrets (no webhook path, no SMTP password). */
export function channelRows(c: Config): Array<{ name: ChannelName; label: string; detail: string }> {
  const rows: Array<{ name: ChannelName; label: string; detail: string }> = [];
  if (c.SMTP_URL && c.ALERT_EMAIL_TO?.length)
    rows.push({
      name: "email",
      label: CHANNEL_WORDS.email,
      detail: `${c.ALERT_EMAIL_TO.join(", ")} via ${hostOf(c.SMTP_URL)}`,
    });
  if (c.TEAMS_WEBHOOK_URL)
    rows.push({ name: "teams", label: CHANNEL_WORDS.teams, detail: hostOf(c.TEAMS_WEBHOOK_URL) });
  if (c.SLACK_WEBHOOK_URL)
    rows.push({ name: "slack", label: CHANNEL_WORDS.slack, detail: hostOf(c.SLACK_WEBHOOK_URL) });
  return rows;
}
