// One polling helper for every suite: wait on the event itself (a stored row, a log line, a counter),
// never for a fixed time. vi.waitFor does the same inside a test; this one also works in hooks,
// reads async sources, and says what it last saw when it gives up.

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `read` until `ok` holds for its value, or throws after `timeout` ms with the last value read. */
export async function until<T>(
  what: string,
  read: () => Promise<T> | T,
  ok: (v: T) => boolean,
  timeout = 60_000,
  interval = 250,
): Promise<T> {
  const end = Date.now() + timeout;
  let last: T | undefined;
  let error: unknown;
  for (;;) {
    try {
      last = await read();
      error = undefined;
      if (ok(last)) return last;
    } catch (e) {
      error = e; // not yet readable
    }
    if (Date.now() > end) {
      const seen = error
        ? `error: ${(error as Error).message}`
        : `last: ${JSON.stringify(last, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))}`;
      throw new Error(`${what}: not reached within ${timeout} ms (${seen})`);
    }
    await pause(interval);
  }
}
