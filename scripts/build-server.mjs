// Compiles server.ts and everything of ours it imports (lib/, the simulator, the generated Prisma clients)
// into dist/ as plain JavaScript, so `npm start` runs with no TypeScript compiler loaded. Packages in
// node_modules stay external: Node loads them as usual. The `@/` alias comes from tsconfig.json.
import { build, stop } from "esbuild";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** The compiled entry points: the server, the ingest thread it starts, and the config `npm start` reads. */
export const SERVER_ENTRIES = { server: "server.ts", "ingest-thread": "ingest-thread.ts", config: "lib/config.ts" };

export async function buildServer(root) {
  await build({
    absWorkingDir: root,
    entryPoints: SERVER_ENTRIES,
    outdir: join(root, "dist"),
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: join(root, "tsconfig.json"),
    sourcemap: true,
    logLevel: "warning",
  });
  // esbuild keeps its service process for more builds: `npm start` would carry it beside the server.
  await stop();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await buildServer(new URL("..", import.meta.url).pathname);
  process.stdout.write("Compiled the server into dist/\n");
}
