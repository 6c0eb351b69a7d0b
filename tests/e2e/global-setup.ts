import { startApp } from "../helpers/app-server";

// One real server (with its simulator, 4x faster than real time) for the whole browser suite.
export default async function globalSetup() {
  const app = await startApp({ SIMULATOR_TICK_MS: "250" });
  process.env.E2E_BASE_URL = app.url;
  return async () => {
    await app.stop();
  };
}
