import nodemailer from "nodemailer";
import { emailMessage } from "./email";
import type { ChannelName, Notice } from "./notice";
import { slackMessage } from "./slack";
import { smtpFailure, smtpTransportOptions } from "./smtp";
import { teamsMessage } from "./teams";

// Delivery per channel. Each send throws on failure with a message worth logging; `permanent` marks
// failures a retry cannot fix (a 4xx other than 408/425/429, a refused recipient).

export class SendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export interface ChannelSettings {
  smtpUrl?: string;
  /** SMTP_CA_FILE: the CA to trust for the SMTP server's certificate. */
  smtpCaFile?: string;
  emailFrom: string;
  emailTo?: string[];
  teamsUrl?: string;
  slackUrl?: string;
}

export type Sender = (n: Notice, messageId: string) => Promise<void>;

async function postJson(url: string, body: unknown, fetchImpl: typeof fetch): Promise<void> {
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (e) {
    throw new SendError(`no answer: ${(e as Error).message}`, false);
  }
  await res.arrayBuffer().catch(() => undefined);
  if (res.ok) return;
  const retryable = res.status === 408 || res.status === 425 || res.status === 429 || res.status >= 500;
  throw new SendError(`HTTP ${res.status}`, !retryable);
}

/** The channels configured, each with its sender. */
export function createSenders(
  s: ChannelSettings,
  fetchImpl: typeof fetch = fetch,
): Partial<Record<ChannelName, Sender>> {
  const out: Partial<Record<ChannelName, Sender>> = {};
  if (s.smtpUrl && s.emailTo?.length) {
    const smtp = { url: s.smtpUrl, caFile: s.smtpCaFile };
    let transport: ReturnType<typeof nodemailer.createTransport> | null = null;
    const to = s.emailTo;
    out.email = async (n, messageId) => {
      const m = emailMessage(n);
      try {
        // Built on first use, so an unreadable SMTP_CA_FILE is a logged, retried failure, not a crash.
        transport ??= nodemailer.createTransport(smtpTransportOptions(smtp));
        // A stable Message-ID: a message sent again after a crash is recognisably the same one.
        await transport.sendMail({
          from: s.emailFrom,
          to,
          subject: m.subject,
          text: m.text,
          html: m.html,
          messageId: `<${messageId}@floorpulse>`,
        });
      } catch (e) {
        const f = smtpFailure(e);
        throw new SendError(f.message, f.permanent);
      }
    };
  }
  if (s.teamsUrl) {
    const url = s.teamsUrl;
    out.teams = (n, messageId) => postJson(url, teamsMessage(n, messageId), fetchImpl);
  }
  if (s.slackUrl) {
    const url = s.slackUrl;
    out.slack = (n, messageId) => postJson(url, slackMessage(n, messageId), fetchImpl);
  }
  return out;
}
