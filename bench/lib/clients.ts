// The socket clients process (bench/clients.ts) seen from a scenario.
import { startHelper, until } from "./procs";

export interface ClientState {
  clients: number;
  /** Clients that decode everything and measure latency (the rest only count and check sequence numbers). */
  probes: number;
  synced: number;
  /** Clients that disconnected or lost deltas unannounced (a sequence gap) since the last reset. */
  dropped: number;
  /** Clients the server resynchronised with a pushed snapshot (they fell behind) since the last reset. */
  lagging: number;
  /** Deltas never received, over every client. */
  missed: number;
  disconnects: number;
  /** Deltas received by every client; probeDeltas by the probes. */
  deltas: number;
  probeDeltas: number;
  messages: number;
  bytes: number;
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

export async function startClients(o: {
  url: string;
  clients: number;
  probes?: number;
  floors: string[];
  offset: number;
  watchTenant?: boolean;
}): Promise<Clients> {
  const proc = await startHelper("bench/clients.ts", [JSON.stringify(o)], /clients control on (http:\/\/\S+)/, 180_000);
  const get = async (path: string) => (await (await fetch(`${proc.ready}${path}`)).json()) as ClientState;
  return {
    state: () => get("/state"),
    reset: () => get("/reset"),
    async allSynced(ms = 120_000) {
      let last: ClientState | null = null;
      try {
        return await until(
          "every client synced",
          async () => {
            last = await get("/state");
            return last.synced === last.clients ? last : undefined;
          },
          ms,
          100,
        );
      } catch (e) {
        throw new Error(
          `${(e as Error).message}: ${JSON.stringify(last)}; clients said: ${proc.output().slice(-1000)}`,
        );
      }
    },
    stop: () => proc.stop(),
  };
}
