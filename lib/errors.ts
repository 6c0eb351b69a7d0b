// One error type for the whole app, with a code table that fixes the HTTP status. Routes throw it;
// lib/http/errors.ts renders it (JSON for the API, a page for browsers, RFC 6749 for OAuth clients).

export const APP_ERROR_STATUS = {
  VALIDATION: 400,
  TOKEN_INVALID: 400,
  TOKEN_EXPIRED: 400,
  REGION_MISMATCH: 400,
  BASE_URL_NOT_ALLOWED: 400,
  TOKEN_REUSED: 409,
  // A 4xx by contract: the request was fine, the Cisco Spaces it depends on was not there.
  SPACES_UNREACHABLE: 424,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  TENANT_MISMATCH: 403,
  NOT_ACTIVATED: 403,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

export class AppError extends Error {
  readonly status: number;
  /** Seconds until a rate-limited caller may try again (sent as Retry-After). */
  readonly retryAfterSec: number | undefined;
  constructor(
    readonly code: AppErrorCode,
    message: string,
    o: { retryAfterSec?: number } = {},
  ) {
    super(message);
    this.status = APP_ERROR_STATUS[code];
    this.retryAfterSec = o.retryAfterSec;
  }
}
