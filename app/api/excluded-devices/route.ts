import { authorizeOrThrow } from "@/lib/auth/authorize";
import { readJsonOrThrow } from "@/lib/http/body";
import { parseOrThrow } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { macFilterBodySchema } from "@/lib/privacy/mac-filters";
import { readExcludedDevices, writeExcludedDevices } from "@/lib/privacy/excluded-devices";

// The tenant's opt-out list (Cisco's Firehose MAC filters), read and written at Cisco; admins only.

const noStore = { "Cache-Control": "no-store" };

export const GET = route(async (req) => {
  const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin"] });
  return Response.json(await readExcludedDevices(reg, principal.tenantId), { headers: noStore });
});

export const PUT = route(async (req) => {
  const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin"], csrf: true });
  const body = parseOrThrow(macFilterBodySchema, await readJsonOrThrow(req));
  return Response.json(await writeExcludedDevices(reg, principal.tenantId, body.macFilter), { headers: noStore });
});
