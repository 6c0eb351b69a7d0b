import pino from "pino";

export type Logger = pino.Logger;

// Keys that hold credentials wherever they appear in a log line, at the top level or one or two
// objects deep (pino matches explicit paths only). A new secret field gets one of these names.
const SECRET_KEYS = ["token", "apiKey", "api_key", "password", "secret", "authorization", "cookie", "set-cookie", "accessToken", "refreshToken"];
const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`].map((p) => p.replace(/\.?([a-z]+-[a-z-]+)$/i, '["$1"]')));

/** The one logger factory: JSON lines, ISO time, and credentials replaced by "[redacted]". */
export function createLogger(level: string = "info", destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
  };
  return destination ? pino(options, destination) : pino(options);
}
