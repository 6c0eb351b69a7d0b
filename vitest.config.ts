import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Projects: `unit` (pure logic), `integration` (one layer against real servers), and the three
// whole-system suites that treat the app as a black box: `faults`, `attacks`, `privacy`.
// Run one with `npx vitest run --project faults`.
const suite = (name: string, ...include: string[]) => ({ extends: true as const, test: { name, include } });

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration and system tests each start a real server; two at once is all this 2-core machine takes well.
    maxWorkers: 2,
    projects: [
      // The bench's own pure helpers are tested beside them, so tests never import the bench.
      suite("unit", "tests/unit/**/*.test.{ts,tsx}", "bench/**/*.test.ts"),
      suite("integration", "tests/integration/**/*.test.{ts,tsx}"),
      suite("faults", "tests/system/faults/**/*.test.ts"),
      suite("attacks", "tests/system/attacks/**/*.test.ts"),
      suite("privacy", "tests/system/privacy/**/*.test.ts"),
    ],
  },
});
