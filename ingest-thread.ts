// Entry point of the ingest thread that server.ts starts for ROLE=all (INGEST_THREAD, the default): the
// same application (lib/app.ts) with only its ingest half, reporting to the web thread over a port.
import { workerData } from "node:worker_threads";
import type { IngestThreadData } from "@/lib/app-thread";
import { createApplication } from "@/lib/app";
import { loadConfigOrThrow } from "@/lib/config";
import { createLogger } from "@/lib/log";

const data = workerData as IngestThreadData;
// The web thread parsed the same environment already: this cannot fail where it did not.
const config = loadConfigOrThrow();
const log = createLogger(config.LOG_LEVEL).child({ role: config.ROLE, thread: "ingest" });

// It ends when the web thread tells it to close (after its last batch is written); a fatal failure is
// reported to the web thread, which shuts the process down.
await createApplication({ config, log, root: data.root, thread: data });
