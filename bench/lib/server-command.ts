// THE one place that says how the bench runs the server. Every scenario starts it through
// startServer (procs.ts), which spawns exactly this. To bench the compiled production server:
//   return { nodeArgs: ["dist/server.mjs"], label: "node dist/server.mjs" };
// (after `npm run build` has written it): no loader, so no TypeScript compiler at run time.

export interface ServerCommand {
  /** node's arguments (the script and anything node needs before it; no `node` itself). */
  nodeArgs: string[];
  /** How the table and --help name it. */
  label: string;
}

export function serverCommand(): ServerCommand {
  return { nodeArgs: ["--import", "tsx", "server.ts"], label: "node --import tsx server.ts" };
}
