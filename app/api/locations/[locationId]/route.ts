import { z } from "zod";
import { getRegistryOrThrow } from "@/lib/registry";
import { setCapacity } from "@/lib/store/locations";

const body = z.object({ capacity: z.number().int().min(1).max(1_000_000).nullable() });
const MAX_BODY = 4096;

/** Sets a location's capacity and tells every watching browser at once. */
export async function PUT(req: Request, { params }: { params: Promise<{ locationId: string }> }) {
  const { locationId } = await params;
  const text = await req.text();
  if (text.length > MAX_BODY) return Response.json({ error: "body too large" }, { status: 413 });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return Response.json({ error: "body is not JSON" }, { status: 400 });
  }
  const parsed = body.safeParse(json);
  if (!parsed.success) return Response.json({ error: "capacity must be a whole number from 1 to 1000000, or null" }, { status: 400 });
  const { db, hub } = getRegistryOrThrow();
  if (!(await setCapacity(db, locationId, parsed.data.capacity))) return Response.json({ error: "location not found" }, { status: 404 });
  hub.setCapacity(locationId, parsed.data.capacity);
  return Response.json({ id: locationId, capacity: parsed.data.capacity });
}
