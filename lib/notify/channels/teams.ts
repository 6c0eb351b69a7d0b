import type { Notice } from "./notice";

// Microsoft Teams incoming webhooks (Workflows) take a message whose attachment is an Adaptive Card.

/** `messageId`: the outbox id, as the title's element id (a card has no message-level id). */
export function teamsMessage(n: Notice, messageId?: string) {
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            {
              type: "TextBlock",
              ...(messageId ? { id: messageId } : {}),
              text: n.title,
              weight: "Bolder",
              size: "Medium",
              color: n.tone === "good" ? "Good" : n.tone === "attention" ? "Attention" : "Warning",
              wrap: true,
            },
            ...n.lines.map((text) => ({ type: "TextBlock", text, wrap: true })),
          ],
          actions: n.link ? [{ type: "Action.OpenUrl", title: n.link.text, url: n.link.url }] : [],
        },
      },
    ],
  };
}
