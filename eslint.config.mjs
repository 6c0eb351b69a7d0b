// `npm run lint` (and so `npm test` and CI): typescript-eslint's strict rules, no runtime import cycle
// between modules or between folders, Prisma only inside lib/store, and nothing server-only in a
// client component. Formatting is Prettier's (`npm run format`).
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";
import boundaries from "./scripts/eslint/boundaries.mjs";

// Folders from the bottom up: each imports (at run time) only folders before it. Cycles between folders
// are impossible while this holds; ARCHITECTURE.md explains the layers.
const FOLDER_ORDER = [
  "generated",
  "lib/errors",
  "lib/log",
  "lib/time",
  "lib/config",
  "lib/crypto",
  "components/realtime",
  "lib/maps",
  "lib/store",
  "lib/alerts",
  "lib/registry",
  "lib/http",
  "lib/firehose",
  "lib/spaces",
  "lib/auth",
  "lib/occupancy",
  "components/ui",
  "lib/history",
  "lib/insights",
  "lib/notify",
  "components/charts",
  "components/location-tree",
  "components/time-travel",
  "components/floor-map",
  "lib/kiosk",
  "components/kiosk",
  "components/insights",
  "components/setup",
  "lib/activation",
  "lib/health",
  "lib/metrics",
  "lib/privacy",
  "app",
  "lib/ingest",
  "lib/monitoring",
  "lib/realtime",
  "lib/app-thread",
  "lib/app",
  "simulator",
  "playwright",
  "proxy",
  "scripts",
  "server",
  "ingest-thread",
  "tests",
  "bench",
];

// What a "use client" module may import only as types: it runs in the browser.
const SERVER_ONLY = [
  "^node:",
  "^@/generated/",
  "^@prisma/",
  "^pg$",
  "^redis$",
  "^pino",
  "^undici$",
  "^socket\\.io$",
  "^@/lib/(store|ingest|crypto|activation|health|monitoring|metrics|spaces|app|app-thread|registry|log|config)(/|$)",
  "^@/lib/auth/(?!csrf-client$)",
  "^@/lib/firehose/stream",
  "^@/lib/realtime/(server|hub|redis-mirror|port-link)",
];

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".next/",
      "generated/",
      "test-results/",
      "playwright-report/",
      ".ci-out/",
      "dist/",
      "data/",
      "next-env.d.ts",
      "**/*.d.ts",
    ],
  },
  ...tseslint.configs.strict,
  {
    plugins: { "import-x": importX, floorpulse: boundaries },
    settings: { "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })] },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "floorpulse/one-way-folders": ["error", { order: FOLDER_ORDER }],
      "floorpulse/client-imports-no-server": ["error", { serverOnly: SERVER_ONLY }],
      // tsconfig has noUncheckedIndexedAccess: `!` marks an index the code has just bounded, and
      // writing each as a branch would hide the real checks among impossible ones.
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      // Protocol deltas and Cisco answers are plain JSON records, sent or parsed as they are: a key
      // leaves them with delete, where a Map would need converting at every edge.
      "@typescript-eslint/no-dynamic-delete": "off",
    },
  },
  {
    // Tests read fixtures as loose JSON to bend them into the malformed shapes they send.
    files: ["tests/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Prisma stays behind lib/store: everything else asks a store function.
    files: ["**/*.{ts,tsx,mjs}"],
    ignores: ["lib/store/**", "prisma.config.ts", "prisma.pg.config.ts", "tests/**", "bench/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(@/generated/prisma|@prisma/)",
              message: "Prisma is used only inside lib/store: call a store function.",
            },
          ],
        },
      ],
    },
  },
);
