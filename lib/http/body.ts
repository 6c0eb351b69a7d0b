import { AuthError } from "@/lib/errors";

// Small, strict JSON request bodies for the admin writes (capacity, zones, calibration).

export const MAX_JSON_BODY = 16_384;

export async function readJsonOrThrow(req: Request, max = MAX_JSON_BODY): Promise<unknown> {
  const text = await req.text();
  if (Buffer.byteLength(text) > max) throw new AuthError("PAYLOAD_TOO_LARGE", `The request body is larger than ${max} bytes.`);
  try {
    return JSON.parse(text);
  } catch {
    throw new AuthError("VALIDATION", "The body is not JSON.");
  }
}
