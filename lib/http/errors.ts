import { AppError } from "@/lib/errors";
import { findRegistry } from "@/lib/registry";

// The one renderer of errors for API routes. An AppError says what went wrong in the JSON envelope
// { error: { code, message } }; anything else is our bug: logged with its stack, answered as a generic 500.

/** Headers every error answer carries: no caching, and Retry-After when the caller was rate-limited. */
export function errorHeaders(e: unknown): Record<string, string> {
  const retry = e instanceof AppError ? e.retryAfterSec : undefined;
  return { "Cache-Control": "no-store", ...(retry ? { "Retry-After": String(retry) } : {}) };
}

export function errorResponse(e: unknown): Response {
  if (e instanceof AppError)
    return Response.json(
      { error: { code: e.code, message: e.message } },
      { status: e.status, headers: errorHeaders(e) },
    );
  findRegistry()?.log.error({ err: e }, "unexpected error in a route");
  return Response.json(
    { error: { code: "INTERNAL", message: "Something went wrong on our side." } },
    { status: 500, headers: errorHeaders(e) },
  );
}
