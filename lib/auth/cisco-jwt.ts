import { originAllowedBy } from "@/lib/spaces/regions";
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from "jose";
import { AppError } from "@/lib/errors";
import { KeyUnavailableError, type KeyCache } from "./public-keys";
import { originOf } from "./url";

// Verification shared by app-tile launch tokens and activation tokens: RS256 only, the key of the
// token's version from partnerPublicKey on an allowlisted base URL, and a minute of clock skew.

export const CLOCK_SKEW_SEC = 60;

export { originOf };

/** Reads a token without trusting it; refuses anything not shaped like an RS256 JWT. */
/**
 * A JWT's base64url segments decode leniently (whitespace skipped, padding and a last character's
 * unused bits ignored), so one signature has many spellings. Our single-use guards key on the token
 * text, so only the one canonical spelling Cisco produces is accepted: a re-encoded copy is refused.
 */
function isCanonicalCompactJws(token: string): boolean {
  const segments = token.split(".");
  return (
    segments.length === 3 &&
    segments.every((s) => /^[A-Za-z0-9_-]*$/.test(s) && Buffer.from(s, "base64url").toString("base64url") === s)
  );
}

export function readUnverifiedOrThrow(token: string): JWTPayload {
  if (!isCanonicalCompactJws(token)) {
    throw new AppError(
      "TOKEN_INVALID",
      "This is not a Cisco Spaces token: it is not a JWT in its one canonical base64url spelling.",
    );
  }
  let alg: unknown;
  let payload: JWTPayload;
  try {
    alg = decodeProtectedHeader(token).alg;
    payload = decodeJwt(token);
  } catch {
    throw new AppError("TOKEN_INVALID", "This is not a Cisco Spaces token: it is not a readable JWT.");
  }
  if (alg === "none" || alg === undefined)
    throw new AppError(
      "TOKEN_INVALID",
      "The token is unsigned (alg none). Floorpulse accepts only RS256 tokens signed by Cisco Spaces.",
    );
  if (alg !== "RS256")
    throw new AppError(
      "TOKEN_INVALID",
      `The token is signed with ${String(alg)}. Floorpulse accepts only RS256 tokens signed by Cisco Spaces.`,
    );
  return payload;
}

export function assertAllowedBaseUrl(baseUrl: string, allowed: string[]): string {
  let origin: string;
  try {
    origin = originOf(baseUrl);
  } catch {
    throw new AppError("BASE_URL_NOT_ALLOWED", `"${baseUrl}" is not a URL, so it cannot be a Cisco Spaces region.`);
  }
  if (!allowed.some((entry) => originAllowedBy(entry, origin))) {
    throw new AppError(
      "BASE_URL_NOT_ALLOWED",
      `${origin} is not a Cisco Spaces region Floorpulse talks to, so the token was not checked with it. Allowed: ${allowed.join(", ")}.`,
    );
  }
  return origin;
}

export interface VerifyDeps {
  keys: KeyCache;
  now: () => number;
}

/** Verifies the signature and times with the key `version` of `baseUrl` (already allowlisted). */
export async function verifyCiscoSignatureOrThrow(
  token: string,
  baseUrl: string,
  version: string,
  what: string,
  d: VerifyDeps,
): Promise<JWTPayload> {
  let key;
  try {
    key = await d.keys.get(baseUrl, version);
  } catch (e) {
    throw keyError(e, what);
  }
  for (;;) {
    try {
      const { payload } = await jwtVerify(token, key.key, {
        algorithms: ["RS256"],
        clockTolerance: CLOCK_SKEW_SEC,
        currentDate: new Date(d.now()),
        requiredClaims: ["exp", "iat"],
      });
      if (payload.iat! > d.now() / 1000 + CLOCK_SKEW_SEC)
        throw new AppError("TOKEN_INVALID", `The ${what} says it was issued in the future; check this server's clock.`);
      return payload;
    } catch (e) {
      if (e instanceof AppError) throw e;
      if (e instanceof errors.JWTExpired)
        throw new AppError("TOKEN_EXPIRED", `The ${what} has expired (tokens live a few minutes).`);
      if (e instanceof errors.JWSSignatureVerificationFailed) {
        if (!key.fresh) {
          let again;
          try {
            again = await d.keys.refresh(baseUrl, version);
          } catch (err) {
            throw keyError(err, what);
          }
          if (again) {
            key = again;
            continue;
          }
        }
        throw new AppError(
          "TOKEN_INVALID",
          `The ${what}'s signature does not match Cisco Spaces' key ${version}: it was altered or not issued by Cisco Spaces.`,
        );
      }
      if (e instanceof errors.JOSEError) throw new AppError("TOKEN_INVALID", `The ${what} is not valid: ${e.message}.`);
      throw e;
    }
  }
}

function keyError(e: unknown, what: string): AppError {
  if (e instanceof KeyUnavailableError) {
    return e.reason === "unknown-version"
      ? new AppError(
          "TOKEN_INVALID",
          `${e.message} The ${what} names a key Cisco Spaces does not have, so it was not issued by Cisco Spaces.`,
        )
      : new AppError("SPACES_UNREACHABLE", `${e.message} Try again in a minute.`);
  }
  return new AppError(
    "SPACES_UNREACHABLE",
    `Cisco Spaces could not be reached to check the ${what}: ${(e as Error).message}.`,
  );
}
