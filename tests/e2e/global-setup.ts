import { startApp } from "../helpers/app-server";

// One real server (with its built-in simulator, in real time) for the whole browser suite.
export default async function globalSetup() {
  const app = await startApp();
  process.env.E2E_BASE_URL = app.url;
  // Specs that seed history write minute rollups into this server's database.
  process.env.E2E_DATA_DIR = app.dir;
  return async () => {
    await app.stop();
  };
}
