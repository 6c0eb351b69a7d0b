// The socket clients process (bench/clients.ts) seen from a scenario.
import { startHelper, until } from "./procs";

export interface ClientState {
  clients: number;
  synced: number;
  disconnects: number;
  deltas: number;
  seconds: number;
  samples: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
  firstReconnectAt: number | null;
  lastResyncAt: number | null;
}

export interface Clients {
  state(): Promise<ClientState>;
  reset(): Promise<ClientState>;
  /** Resolves once every client has its snapshots (after connecting, or after a reconnect). */
  allSynced(ms?: number): Promise<ClientState>;
  stop(): Promise<unknown>;
}

export async function startClients(o: { url: string; clients: number; floors: string[]; offset: number; watchTenant?: boolean }): Promise<Clients> {
  const proc = await startHelper("bench/clients.ts", [JSON.stringify(o)], /clients control on (http:\/\/\S+)/, 180_000);
  const get = async (path: string) => (await (await fetch(`${proc.ready}${path}`)).json()) as ClientState;
  return {
    state: () => get("/state"),
    reset: () => get("/reset"),
    allSynced: (ms = 120_000) => until("every client synced", async () => {
      const s = await get("/state");
      return s.synced === s.clients ? s : undefined;
    }, ms, 100),
    stop: () => proc.stop(),
  };
}
