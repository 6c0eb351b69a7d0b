import { randomUUID } from "node:crypto";
import type { Config } from "@/lib/config";
import type { Logger } from "@/lib/log";
import type { Db } from "@/lib/store/db";
import { findOutboxMessage } from "@/lib/store/outbox";
import { CHANNEL_WORDS, type ChannelName } from "./channels/notice";
import { createSenders } from "./channels/senders";
import { channelSettings } from "./notifications";
import { createOutbox } from "./outbox";

/**
 * Sends a test notice on one channel now, through the outbox like any alert (so it is recorded), and
 * says whether the channel accepted it. One attempt: an admin pressing the button wants the answer.
 */
export async function sendTestNotice(o: {
  db: Db;
  log: Logger;
  config: Config;
  channel: ChannelName;
  tenantId: string | null;
  by: string;
}): Promise<{ delivered: boolean; error: string | null }> {
  const senders = createSenders(channelSettings(o.config));
  const sender = senders[o.channel];
  if (!sender) return { delivered: false, error: `${CHANNEL_WORDS[o.channel]} is not configured.` };
  const outbox = createOutbox({ db: o.db, log: o.log, senders: { [o.channel]: sender }, maxAttempts: 1 });
  const [id] = await outbox.enqueue({
    tenantId: o.tenantId,
    kind: "test",
    key: `test:${randomUUID()}`,
    only: o.channel,
    notice: {
      title: "Floorpulse test message",
      lines: [
        `Sent by ${o.by} from the setup page: ${CHANNEL_WORDS[o.channel]} alerts and weekly summaries will arrive here.`,
      ],
      link: null,
      tone: "good",
    },
  });
  await outbox.tick();
  await outbox.close();
  const row = await findOutboxMessage(o.db, id!);
  return { delivered: !!row?.sentAt, error: row?.sentAt ? null : (row?.lastError ?? "not sent") };
}
