// A list of versions over simulated time (MAC filters, the location hierarchy): each holds from its
// `from` on, the first from the start, so a record replayed from the past sees what held then.

export interface Versions<V extends { from: number }> {
  /** The version that held at simulated time `ts`. */
  at(ts: number): V;
  current(): V;
  /** Adds the newest version; returns it. */
  add(v: V): V;
}

export function createVersions<V extends { from: number }>(first: V): Versions<V> {
  const versions = [first];
  return {
    at(ts) {
      for (let i = versions.length - 1; i > 0; i--) if (versions[i]!.from <= ts) return versions[i]!;
      return versions[0]!;
    },
    current: () => versions[versions.length - 1]!,
    add(v) {
      versions.push(v);
      return v;
    },
  };
}
