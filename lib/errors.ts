// One error type for everything auth answers, with a code table that fixes the HTTP status.

export const AUTH_ERROR_STATUS = {
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

export type AuthErrorCode = keyof typeof AUTH_ERROR_STATUS;

export class AuthError extends Error {
  readonly status: number;
  constructor(
    readonly code: AuthErrorCode,
    message: string,
  ) {
    super(message);
    this.status = AUTH_ERROR_STATUS[code];
  }
}

/** The JSON error envelope every API route answers with. */
export function errorJson(e: AuthError, headers: Record<string, string> = {}): Response {
  return Response.json({ error: { code: e.code, message: e.message } }, { status: e.status, headers: { "Cache-Control": "no-store", ...headers } });
}
