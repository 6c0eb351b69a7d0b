import { z } from "zod";

// The only reader of process.env. Every default works with no environment at all.
const port = z.coerce.number().int().min(0).max(65535);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: port.default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^file:/, "only SQLite file: URLs are supported on this path (file:./data/floorpulse.db)")
    .default("file:./data/floorpulse.db"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SIMULATOR_PORT: port.default(4000),
  SIMULATOR_SEED: z.coerce.number().int().min(0).default(1),
  SIMULATOR_TICK_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  SPACES_ACTIVATION_TOKEN: z.string().min(20).optional(),
  PUBLIC_URL: z.url().optional(),
});

export type Config = Readonly<z.infer<typeof schema>>;

/** Parses the environment once; throws with every problem listed, one per line. */
export function loadConfigOrThrow(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return Object.freeze(result.data);
}

/** Path of the SQLite file a file: URL points at, relative to the working directory. */
export function sqlitePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "");
}
