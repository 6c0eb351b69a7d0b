"use client";
import { useState } from "react";
import { sendJson } from "@/components/ui/api";

type Channel = { name: "email" | "teams" | "slack"; label: string; detail: string };
type Outcome = { state: "idle" | "sending" } | { state: "done"; delivered: boolean; message: string };

/** The notification channels configured, each with a "Send test" button and its outcome. */
export function ChannelsPanel({ channels }: { channels: Channel[] }) {
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  const send = async (c: Channel) => {
    setOutcomes((o) => ({ ...o, [c.name]: { state: "sending" } }));
    const r = await sendJson<{ delivered: boolean; error: string | null }>("POST", "/api/channels/test", {
      channel: c.name,
    });
    const outcome: Outcome = r.ok
      ? {
          state: "done",
          delivered: r.data.delivered,
          message: r.data.delivered ? "Test message accepted." : `Not delivered: ${r.data.error}`,
        }
      : { state: "done", delivered: false, message: r.message };
    setOutcomes((o) => ({ ...o, [c.name]: outcome }));
  };
  if (!channels.length)
    return (
      <p className="hint">
        None configured: set SMTP_URL and ALERT_EMAIL_TO, TEAMS_WEBHOOK_URL or SLACK_WEBHOOK_URL (README
        &quot;Insights&quot;).
      </p>
    );
  return (
    <table className="table">
      <tbody>
        {channels.map((c) => {
          const o = outcomes[c.name] ?? { state: "idle" };
          return (
            <tr key={c.name}>
              <th scope="row">{c.label}</th>
              <td className="mono">{c.detail}</td>
              <td>
                <button
                  type="button"
                  className="button button--small"
                  style={{ whiteSpace: "nowrap" }}
                  onClick={() => void send(c)}
                  disabled={o.state === "sending"}
                  aria-label={`Send test to ${c.label}`}
                >
                  {o.state === "sending" ? "Sending…" : "Send test"}
                </button>
              </td>
              <td
                role="status"
                data-testid={`channel-outcome-${c.name}`}
                className={o.state === "done" && !o.delivered ? "error-text" : undefined}
              >
                {o.state === "done" ? o.message : ""}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
