import { z } from "zod";
import { CHANNELS } from "@/lib/notify/channels/notice";
import { sendTestNotice } from "@/lib/notify/send-test";
import { authorizeOrThrow } from "@/lib/auth/authorize";
import { readJsonOrThrow } from "@/lib/http/body";
import { parseOrThrow } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

const body = z.object({ channel: z.enum(CHANNELS) });

/** "Send test" on the setup page: one test message on one channel, and whether it arrived. */
export const POST = route(async (req) => {
  const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin"], csrf: true, tenantOptional: true });
  const { channel } = parseOrThrow(body, await readJsonOrThrow(req));
  const r = await sendTestNotice({
    db: reg.db,
    log: reg.log,
    config: reg.config,
    channel,
    tenantId: principal.tenantId,
    by: principal.kind === "session" ? principal.email : "the demo admin",
  });
  return Response.json(r, { headers: { "Cache-Control": "no-store" } });
});
