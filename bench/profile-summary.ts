// `node --import tsx bench/profile-summary.ts <file.cpuprofile> [top]`: self time by function (and
// by file), the quickest read of where a server profile from BENCH_CPU_PROF spent its time.
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
const [file, topArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write("usage: node --import tsx bench/profile-summary.ts <file.cpuprofile> [top]\n");
  process.exit(2);
}
const prof = JSON.parse(readFileSync(file, "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
const byFile = new Map<string, number>();
let total = 0;
prof.samples.forEach((id, i) => {
  const dt = prof.timeDeltas[i] ?? 0;
  const n = byId.get(id)!;
  const url = n.callFrame.url.replace(/^file:\/\//, "").replace(process.cwd() + "/", "");
  const key = `${n.callFrame.functionName || "(anonymous)"} ${url}:${n.callFrame.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + dt);
  const f = url.includes("node_modules/")
    ? url.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, "$1")
    : url || n.callFrame.functionName;
  byFile.set(f, (byFile.get(f) ?? 0) + dt);
  total += dt;
});
const top = Number(topArg ?? 25);
const show = (m: Map<string, number>) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, v]) => `${((v / total) * 100).toFixed(1).padStart(5)} %  ${(v / 1000).toFixed(0).padStart(7)} ms  ${k}`)
    .join("\n");
process.stdout.write(
  `total ${(total / 1e6).toFixed(1)} s sampled\n\nself time by function:\n${show(self)}\n\nby file or package:\n${show(byFile)}\n`,
);
