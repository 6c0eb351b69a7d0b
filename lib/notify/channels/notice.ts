import { z } from "zod";

// What a channel message says, before any channel's format: a title, a few lines, an optional link.
// Alerts and the weekly summary are written once as a notice; each channel renders it its own way.

export const noticeSchema = z.object({
  title: z.string().min(1).max(200),
  lines: z.array(z.string().max(500)).max(30),
  link: z.object({ text: z.string(), url: z.url() }).nullable(),
  /** Colour hint for chat cards: attention (full), warning (busy), good (cleared or summary). */
  tone: z.enum(["attention", "warning", "good"]),
});
export type Notice = z.infer<typeof noticeSchema>;

export const CHANNELS = ["email", "teams", "slack"] as const;
export type ChannelName = (typeof CHANNELS)[number];
export const CHANNEL_WORDS: Record<ChannelName, string> = { email: "E-mail", teams: "Microsoft Teams", slack: "Slack" };

export interface AlertFacts {
  kind: "raised" | "cleared";
  level: "busy" | "full";
  locationName: string;
  count: number;
  capacity: number | null;
  at: number;
  timeZone: string;
}

const hhmm = (ms: number, tz: string) =>
  new Date(ms).toLocaleString("en-GB", { weekday: "short", hour: "2-digit", minute: "2-digit", timeZone: tz });

/** A capacity alert as a notice. */
export function alertNotice(a: AlertFacts, publicUrl: string | null, locationId: string): Notice {
  const of = a.capacity ? ` of ${a.capacity}` : "";
  const title =
    a.kind === "cleared"
      ? `${a.locationName} is no longer ${a.level === "full" ? "full" : "busy"}`
      : `${a.locationName} is ${a.level === "full" ? "full" : "getting busy"}`;
  return {
    title,
    lines: [
      a.kind === "cleared"
        ? `Back under the threshold at ${hhmm(a.at, a.timeZone)} (${a.timeZone}).`
        : `${a.count} people${of} at ${hhmm(a.at, a.timeZone)} (${a.timeZone}).`,
    ],
    link: publicUrl
      ? {
          text: `Open ${a.locationName}`,
          url: `${publicUrl.replace(/\/$/, "")}/locations/${encodeURIComponent(locationId)}`,
        }
      : null,
    tone: a.kind === "cleared" ? "good" : a.level === "full" ? "attention" : "warning",
  };
}
