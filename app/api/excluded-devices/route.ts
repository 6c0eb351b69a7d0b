import { AuthError } from "@/lib/errors";
import { authorizeOrThrow, errorResponse } from "@/lib/http/route";
import { readJsonOrThrow } from "@/lib/http/body";
import { macFilterBodySchema } from "@/lib/privacy/mac-filters";
import { readExcludedDevices, writeExcludedDevices } from "@/lib/privacy/excluded-devices";

// The tenant's opt-out list (Cisco's Firehose MAC filters), read and written at Cisco; admins only.

const noStore = { "Cache-Control": "no-store" };

export async function GET(req: Request) {
  try {
    const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin"] });
    return Response.json(await readExcludedDevices(reg, principal.tenantId), { headers: noStore });
  } catch (e) {
    return errorResponse(e);
  }
}

export async function PUT(req: Request) {
  try {
    const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin"], csrf: true });
    const parsed = macFilterBodySchema.safeParse(await readJsonOrThrow(req));
    if (!parsed.success) throw new AuthError("VALIDATION", parsed.error.issues.map((i) => i.message).join("; "));
    return Response.json(await writeExcludedDevices(reg, principal.tenantId, parsed.data.macFilter), { headers: noStore });
  } catch (e) {
    return errorResponse(e);
  }
}
