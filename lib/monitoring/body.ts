import { z } from "zod";
import { checkIngest, checkStream, formatAge } from "@/lib/health/checks";
import { COMPONENT_LABELS, type ComponentCheck, type IngestSnapshot } from "@/lib/health/types";

// The monitoring/status request body exactly as the partner guide documents it ("Monitor Partner
// App Health", On-Prem and Single-Tenant Cloud Partner App Health).

const firehoseState = z.object({
  status: z.enum(["connected", "disconnected"]),
  lastReceived: z.number().int().min(0),
});
const upDown = z.enum(["up", "down"]);

export const monitoringStatusBody = z.object({
  data: z.object({
    overallStatus: z.object({
      status: upDown,
      notices: z.array(z.object({ message: z.string(), category: z.enum(["critical", "warning", "info"]) })),
    }),
    instanceDetails: z.object({ ipAddress: z.string(), instanceId: z.string() }),
    cloudFirehose: firehoseState,
    localFirehose: firehoseState,
    subsystems: z.array(z.object({ name: z.string(), status: upDown })),
  }),
});
export type MonitoringStatusBody = z.infer<typeof monitoringStatusBody>;

/** Cisco's answer: `{status, message}` for 200, 400 and 403; a 500 may carry anything. */
export const monitoringStatusAnswer = z.object({ status: z.boolean(), message: z.string().catch("") });

export interface InstanceDetails {
  ipAddress: string;
  instanceId: string;
}

/**
 * The report for one activation: app-wide checks (web, realtime, database) plus this activation's
 * own ingest and stream. `ingest` is undefined when no worker runs for it.
 */
export function buildMonitoringBody(
  checks: ComponentCheck[],
  ingest: IngestSnapshot | undefined,
  instance: InstanceDetails,
  now: number,
): MonitoringStatusBody {
  const own = ingest ? [ingest] : [];
  const mine: ComponentCheck[] = [
    ...checks.filter((c) => c.component === "web" || c.component === "realtime" || c.component === "database"),
    ingest ? checkIngest(own) : { component: "ingest", status: "down", detail: "no ingest worker for this activation" },
    checkStream(own, now),
  ];
  type Notice = MonitoringStatusBody["data"]["overallStatus"]["notices"][number];
  const notices: Notice[] = mine
    .filter((c) => c.status !== "up")
    .map((c) => ({
      message: `${COMPONENT_LABELS[c.component]} ${c.status}${c.detail ? `: ${c.detail}` : ""}`,
      category: c.status === "down" ? "critical" : "warning",
    }));
  if (ingest?.lastRecordTimestamp)
    notices.push({
      message: `Newest event applied ${formatAge(now - ingest.lastRecordTimestamp)} ago`,
      category: "info",
    });
  const status = (name: ComponentCheck["component"]) =>
    mine.find((c) => c.component === name)?.status === "down" ? "down" : "up";
  // A dashboard fed by a dead stream is not working for the customer, so the stream counts too.
  const appDown = mine.some((c) => c.status === "down");
  return {
    data: {
      overallStatus: { status: appDown ? "down" : "up", notices },
      instanceDetails: instance,
      cloudFirehose: {
        status: ingest?.state === "connected" ? "connected" : "disconnected",
        lastReceived: ingest?.lastReceivedAt ?? 0,
      },
      // Floorpulse reads only the cloud Firehose; there is no local (connector) Firehose to report.
      localFirehose: { status: "disconnected", lastReceived: 0 },
      subsystems: [
        { name: "Engine", status: status("ingest") },
        { name: "Database", status: status("database") },
      ],
    },
  };
}
