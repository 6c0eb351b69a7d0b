// The migration drift check: `prisma migrate diff` from a database's migrations to its schema exits
// non-zero when they would not produce it. `npm test` runs it for SQLite before anything else;
// tests/integration/schema-drift.test.ts runs it for both databases.
import { join } from "node:path";

/** Each database's migrations and the schema they must produce. */
const MIGRATIONS_TO_SCHEMA = {
  sqlite: ["--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma"],
  postgres: [
    "--config",
    "prisma.pg.config.ts",
    "--from-migrations",
    "prisma-pg/migrations",
    "--to-schema-datamodel",
    "prisma-pg/schema.prisma",
  ],
};

/** The Prisma CLI arguments that check `database`'s migrations against its schema. */
export function driftCheckArgs(database) {
  return ["migrate", "diff", ...MIGRATIONS_TO_SCHEMA[database], "--exit-code"];
}

/** The SQLite check wants a database URL: a file in a scratch folder `dir`. */
export function sqliteDriftUrl(dir) {
  return `file:${join(dir, "drift.db")}`;
}
