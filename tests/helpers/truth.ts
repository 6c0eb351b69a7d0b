import type { LocationSnapshot } from "@/lib/realtime/protocol";
import {
  compareMoment,
  summarize,
  truthOf,
  type AccuracySummary,
  type CompareOptions,
  type MomentComparison,
  type ShownMoment,
  type SimOccupancy,
  type SimWorld,
} from "./accuracy";
import { connectSocket, type TestSocket } from "./socket";

// Ground truth in the test suites and the accuracy bench: what the app shows a browser (the tenant's
// socket snapshot, the data the overview renders) against who the simulator says is there at the
// moment that snapshot describes. The app reaches the simulator only over HTTP, and so do we.

export interface ShownView extends ShownMoment {
  /** Event time the view describes: the newest input behind any of its numbers (null: no numbers yet). */
  at: number | null;
  names: Record<string, string>;
}

export function shownOf(snap: LocationSnapshot): ShownView {
  const counts: Record<string, number | null> = {};
  const parents: Record<string, string | null> = {};
  const names: Record<string, string> = {};
  let at: number | null = null;
  for (const l of snap.locations) {
    parents[l.id] = l.parentId;
    names[l.id] = l.name;
    counts[l.id] = snap.counts[l.id]?.count ?? null;
  }
  for (const o of Object.values(snap.counts)) if (o.at !== null && (at === null || o.at > at)) at = o.at;
  return { counts, parents, names, at };
}

/** A fresh snapshot of the whole tenant, as the overview asks for it. */
export async function tenantView(socket: TestSocket): Promise<ShownView> {
  // A socket the server closed (a flood of watches, a restart) never answers: fail, not hang.
  const snap = await new Promise<LocationSnapshot>((resolve, reject) => {
    socket.timeout(30_000).emit("location:watch", null, (err, r) => {
      if (err) reject(new Error(`no snapshot within 30 s (socket ${socket.connected ? "connected" : "closed"})`));
      else if ("error" in r) reject(new Error(r.error));
      else resolve(r);
    });
  });
  socket.emit("location:unwatch", null);
  return shownOf(snap);
}

export interface Truth {
  world: SimWorld;
  occupancy(at: number): Promise<SimOccupancy>;
  /** The simulator's clock (simulated now). */
  now(): Promise<number>;
}

export async function simulatorTruth(simUrl: string, tenant = 0): Promise<Truth> {
  const world = (await (await fetch(`${simUrl}/admin/world?tenant=${tenant}`)).json()) as SimWorld;
  return {
    world,
    occupancy: async (at) =>
      (await (await fetch(`${simUrl}/admin/occupancy?tenant=${tenant}&at=${Math.round(at)}`)).json()) as SimOccupancy,
    now: async () => ((await (await fetch(`${simUrl}/admin/clock`)).json()) as { simNow: number }).simNow,
  };
}

/** Compares what the app shows now with the simulator's truth at the moment the view describes. */
export async function compareWithTruth(
  socket: TestSocket,
  truth: Truth,
  o: CompareOptions = {},
): Promise<MomentComparison & { view: ShownView }> {
  const view = await tenantView(socket);
  if (view.at === null) throw new Error("the app shows no numbers yet");
  const occ = await truth.occupancy(view.at);
  return { ...compareMoment(view.at, truthOf(truth.world, occ), view, o), view };
}

/** One comparison of a running app with its simulator: connects, compares once, disconnects. */
export async function truthCheck(
  appUrl: string,
  simUrl: string,
  o: CompareOptions = {},
): Promise<{ moment: MomentComparison; summary: AccuracySummary }> {
  const socket = await connectSocket(appUrl);
  try {
    const moment = await compareWithTruth(socket, await simulatorTruth(simUrl), o);
    return { moment, summary: summarize([moment]) };
  } finally {
    socket.disconnect();
  }
}

/**
 * How far a fault suite's end state may be from the truth: 0.75 × truth − 3 ≤ shown ≤ 1.25 × truth + 3.
 * Counts are people estimates (Wi-Fi devices through the learned devices-per-person ratio, cameras as
 * lower bounds), which the accuracy bench finds within ~10 % per floor at p90; the margin beyond that
 * covers a snapshot taken while the simulator runs at speed (the truth is read a moment later) and a
 * handful of people at night. What it catches is what a fault does to a live view: a floor or building
 * with people and no number, a count that lost presence on a restart, or devices counted twice.
 */
export const FAULT_TRUTH_TOLERANCE = { below: 0.75, above: 1.25, people: 3 };

/** Buildings and floors outside the tolerance, in words (empty when all are within it). */
export function outsideTolerance(moment: MomentComparison, tol = FAULT_TRUTH_TOLERANCE): string[] {
  return moment.errors
    .filter((e) => e.level !== "zone")
    .filter(
      (e) =>
        (e.truth > 0 && e.shown === null) ||
        (e.shown ?? 0) < tol.below * e.truth - tol.people ||
        (e.shown ?? 0) > tol.above * e.truth + tol.people,
    )
    .map(
      (e) =>
        `${e.level} ${e.name}: shown ${e.shown ?? "nothing"} for ${e.truth} people at ${new Date(moment.at).toISOString()}`,
    );
}

/** A fault suite's end state against the truth: what is wrong (empty when within tolerance) and what was seen. */
export async function truthProblems(
  appUrl: string,
  simUrl: string,
  tol = FAULT_TRUTH_TOLERANCE,
): Promise<{ problems: string[]; moment: MomentComparison }> {
  const { moment } = await truthCheck(appUrl, simUrl);
  return { problems: outsideTolerance(moment, tol), moment };
}
