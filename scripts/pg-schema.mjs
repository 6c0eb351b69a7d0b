// prisma/schema.prisma is the one data model. The PostgreSQL schema is derived from it: same models,
// another provider and client output. `node scripts/pg-schema.mjs --check` fails when the two drift.
import { readFileSync, writeFileSync } from "node:fs";

const root = new URL("..", import.meta.url).pathname;
const source = readFileSync(`${root}prisma/schema.prisma`, "utf8");

export function derivePgSchema(sqlite) {
  const out = sqlite
    .replace('output       = "../generated/prisma"', 'output       = "../generated/prisma-pg"')
    .replace('provider = "sqlite"', 'provider = "postgresql"');
  if (out === sqlite || !out.includes("generated/prisma-pg") || !out.includes('"postgresql"')) {
    throw new Error(
      "prisma/schema.prisma no longer has the generator output or datasource provider this script rewrites",
    );
  }
  return `// GENERATED from prisma/schema.prisma by scripts/pg-schema.mjs. Do not edit.\n${out}`;
}

const target = `${root}prisma-pg/schema.prisma`;
const wanted = derivePgSchema(source);
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {}
  if (current !== wanted) {
    process.stderr.write(
      "prisma-pg/schema.prisma is out of date: run `node scripts/pg-schema.mjs` and add a PostgreSQL migration.\n",
    );
    process.exit(1);
  }
} else {
  writeFileSync(target, wanted);
  process.stdout.write("wrote prisma-pg/schema.prisma\n");
}
