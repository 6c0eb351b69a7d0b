// The one reading of `Authorization: Bearer <token>` (kiosk links, the metrics token, OAuth access tokens).

/** The token of a Bearer Authorization header value, or null. */
export function bearerFrom(authorization: string | null | undefined): string | null {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1] ?? null;
}

export function bearerToken(req: { headers: { get(name: string): string | null } }): string | null {
  return bearerFrom(req.headers.get("authorization"));
}
