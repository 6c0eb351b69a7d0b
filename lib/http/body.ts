import { AppError } from "@/lib/errors";

// Small, strict request bodies for the routes' writes. server.ts already refused anything over
// MAX_REQUEST_BODY_BYTES (body-limit.ts); each route's own limit is smaller.

export const MAX_JSON_BODY = 16_384;

async function textWithinOrThrow(req: Request, max: number): Promise<string> {
  const text = await req.text();
  if (Buffer.byteLength(text) > max)
    throw new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${max} bytes.`);
  return text;
}

export async function readJsonOrThrow(req: Request, max = MAX_JSON_BODY): Promise<unknown> {
  const text = await textWithinOrThrow(req, max);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("VALIDATION", "The body is not JSON.");
  }
}

/** A JSON or form-encoded body as plain fields (the Cisco guide shows both for the same calls). */
export async function readFields(req: Request, max = MAX_JSON_BODY): Promise<Record<string, unknown>> {
  const text = await textWithinOrThrow(req, max);
  const type = req.headers.get("content-type") ?? "";
  if (type.includes("application/json") || (!type.includes("form") && text.trimStart().startsWith("{"))) {
    try {
      const v: unknown = JSON.parse(text);
      if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      /* reported below */
    }
    throw new AppError("VALIDATION", "The body is not a JSON object.");
  }
  return Object.fromEntries(new URLSearchParams(text));
}
