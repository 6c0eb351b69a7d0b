import { readFileSync } from "node:fs";
import type SMTPTransport from "nodemailer/lib/smtp-transport";

// How Floorpulse talks to an SMTP server, and what it says when that fails. TLS certificates are
// checked (Node's default, never switched off); SMTP_CA_FILE adds the one CA a private relay uses.

export interface SmtpSettings {
  url: string;
  /** PEM file of the CA (or the self-signed certificate) to trust for the server's certificate. */
  caFile?: string;
}

/** nodemailer options for SMTP_URL: smtps:// is TLS from the start, smtp:// upgrades with STARTTLS. */
export function smtpTransportOptions(s: SmtpSettings, readCa = (f: string) => readFileSync(f, "utf8")) {
  const u = new URL(s.url);
  let ca: string | undefined;
  if (s.caFile) {
    try {
      ca = readCa(s.caFile);
    } catch (e) {
      throw new Error(`SMTP_CA_FILE: cannot read ${s.caFile} (${(e as Error).message})`);
    }
  }
  const options: SMTPTransport.Options & { url: string } = {
    url: s.url,
    // A password never crosses the network in the clear: with credentials, smtp:// must upgrade (STARTTLS).
    requireTLS: u.protocol === "smtp:" && u.username !== "",
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    ...(ca ? { tls: { ca } } : {}),
  };
  return options;
}

const CERT_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

interface SmtpError {
  message: string;
  code?: string;
  responseCode?: number;
  cause?: { code?: string };
}

/**
 * What went wrong, in words an operator can act on, and whether a retry could ever help. A refused
 * login and an untrusted certificate are settings to fix, not messages to drop: they stay queued and
 * go out once the settings are right (within OUTBOX_MAX_ATTEMPTS). A 5xx answer to the message itself
 * (a recipient refused, a message too large) is permanent.
 */
export function smtpFailure(err: unknown): { message: string; permanent: boolean } {
  const e = err as SmtpError;
  const code = e.code ?? "";
  const tlsCode = [code, e.cause?.code ?? ""].find((c) => CERT_CODES.has(c));
  if (tlsCode || /certificate/i.test(e.message))
    return {
      message: `SMTP: the server's TLS certificate is not trusted (${e.message}); if the relay uses its own CA, set SMTP_CA_FILE to it`,
      permanent: false,
    };
  if (code === "EAUTH")
    return {
      message: `SMTP: the server refused the login (${e.message}); check the user name and password in SMTP_URL`,
      permanent: false,
    };
  if (code === "ETLS" || /STARTTLS/i.test(e.message))
    return {
      message: `SMTP: no TLS (${e.message}); a password is only sent over TLS: use smtps:// or a server offering STARTTLS`,
      permanent: false,
    };
  const rc = e.responseCode;
  return { message: `SMTP: ${e.message}`, permanent: rc !== undefined && rc >= 500 && rc < 600 };
}
