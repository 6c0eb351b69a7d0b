import pino from "pino";

export type Logger = pino.Logger;

// Keys that hold credentials wherever they appear in a log line, at the top level or one or two
// objects deep (pino matches explicit paths only). A new secret field gets one of these names.
const SECRET_KEYS = [
  "token",
  "apiKey",
  "api_key",
  "password",
  "secret",
  "authorization",
  "cookie",
  "set-cookie",
  "accessToken",
  "refreshToken",
];
const REDACT_PATHS = SECRET_KEYS.flatMap((k) =>
  [k, `*.${k}`, `*.*.${k}`].map((p) => p.replace(/\.?([a-z]+-[a-z-]+)$/i, '["$1"]')),
);

// Display links and "You are here" codes travel inside URLs and messages, under no fixed key: any
// string that carries one has the token part replaced, wherever it is in the line.
const LINK_TOKEN = /\b(fp[kh])_[A-Za-z0-9_.-]{6,}/g;
const scrub = (v: unknown, depth = 0): unknown => {
  if (typeof v === "string") return v.replace(LINK_TOKEN, "$1_[redacted]");
  if (depth > 3 || !v || typeof v !== "object" || v instanceof Error) return v;
  if (Array.isArray(v)) return v.map((x) => scrub(x, depth + 1));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrub(x, depth + 1)]));
};

/** The one logger factory: JSON lines, ISO time, and credentials replaced by "[redacted]". */
export function createLogger(level: string = "info", destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    formatters: { log: (o) => scrub(o) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((a) => (typeof a === "string" ? (scrub(a) as string) : a)) as Parameters<typeof method>,
        );
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
