import { afterAll, beforeAll } from "vitest";
import type { AppServer } from "./app-server";

/**
 * The app of the enclosing describe block: `boot` runs before its tests (bootApp, or startApp for a
 * process of its own), and the app is stopped after them. Its members are the booted app's, so read
 * them inside hooks and tests.
 */
export function appForSuite<A extends AppServer>(boot: () => Promise<A>, timeoutMs?: number): A {
  let app: A | undefined;
  beforeAll(async () => {
    app = await boot();
  }, timeoutMs);
  afterAll(async () => {
    await app?.stop();
  });
  return new Proxy({} as A, {
    get(_target, key) {
      // Not a promise: awaiting or returning it from an async function must not read the app.
      if (key === "then") return undefined;
      if (!app) throw new Error(`the suite's app boots in beforeAll: read ${String(key)} inside a hook or test`);
      const v = Reflect.get(app, key, app) as unknown;
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(app) : v;
    },
  });
}
