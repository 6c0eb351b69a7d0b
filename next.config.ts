import type { NextConfig } from "next";

const config: NextConfig = {
  serverExternalPackages: ["better-sqlite3", "@prisma/client", "@prisma/adapter-better-sqlite3", "pino", "undici"],
  poweredByHeader: false,
  // server.ts, the simulator and tests are not part of the Next bundle.
  typescript: { tsconfigPath: "tsconfig.json" },
};

export default config;
