// RSS of a whole process tree: the server is spawned as a process group leader, and whatever it
// runs (worker threads share its process; child processes join its group) counts. Linux /proc.
import { readdirSync, readFileSync } from "node:fs";

const PAGE = 4096;

/** What the bench reads of one process in /proc/<pid>/stat. */
export interface ProcStat {
  pgrp: number;
  rssPages: number;
  /** User plus system CPU time, in clock ticks. */
  cpuTicks: number;
}

/** Process group, resident pages and CPU ticks from /proc/<pid>/stat (the name may hold spaces and parentheses). */
export function parseStat(stat: string): ProcStat | null {
  const close = stat.lastIndexOf(")");
  if (close < 0) return null;
  // After "pid (comm) ": state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt
  // utime stime cutime cstime priority nice num_threads itrealvalue starttime vsize rss ...
  const f = stat
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const pgrp = Number(f[2]);
  const rssPages = Number(f[21]);
  const cpuTicks = Number(f[11]) + Number(f[12]);
  return Number.isFinite(pgrp) && Number.isFinite(rssPages) ? { pgrp, rssPages, cpuTicks } : null;
}

/** Every process now in group `pgid`. */
function groupStats(pgid: number): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    const s = parseStat(stat);
    if (s && s.pgrp === pgid) stats.push(s);
  }
  return stats;
}

/** Bytes resident in every process of group `pgid` (0 if none is left). */
export function groupRssBytes(pgid: number): number {
  return groupStats(pgid).reduce((pages, s) => pages + s.rssPages, 0) * PAGE;
}

const TICKS_PER_S = 100; // USER_HZ on Linux

/** CPU seconds (user + system) used so far by every process of group `pgid`. */
export function groupCpuSeconds(pgid: number): number {
  return groupStats(pgid).reduce((ticks, s) => ticks + s.cpuTicks, 0) / TICKS_PER_S;
}

/** A process group's CPU from now on: `pct()` is its share of one core since the meter started. */
export function cpuMeter(pgid: number): { pct(): number } {
  const c0 = groupCpuSeconds(pgid);
  const t0 = performance.now();
  return { pct: () => ((groupCpuSeconds(pgid) - c0) / ((performance.now() - t0) / 1000)) * 100 };
}
