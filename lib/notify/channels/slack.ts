import type { Notice } from "./notice";

// Slack incoming webhooks take `text` (the notification and fallback) and Block Kit `blocks`; text in
// mrkdwn escapes &, < and > (Slack's "Formatting text for app surfaces").

const esc = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** `messageId`: the outbox id, as the header's block_id (Slack's one stable per-message field, ≤ 255 characters). */
export function slackMessage(n: Notice, messageId?: string) {
  const body = n.lines.map(esc).join("\n");
  return {
    text: `${esc(n.title)}${body ? `\n${body}` : ""}`,
    blocks: [
      {
        type: "header",
        ...(messageId ? { block_id: messageId.slice(0, 255) } : {}),
        text: { type: "plain_text", text: n.title.slice(0, 150) },
      },
      ...(body ? [{ type: "section", text: { type: "mrkdwn", text: body } }] : []),
      ...(n.link ? [{ type: "section", text: { type: "mrkdwn", text: `<${n.link.url}|${esc(n.link.text)}>` } }] : []),
    ],
  };
}
