// A binary min-heap of [time, key], ordered by time then key so that equal times pop in the same order
// on every run. Its array is plain data: a snapshot stores it as is and a restore continues exactly.

/** `extra` rides along unordered (the ingest's read time of a held record); snapshots leave it out. */
export type HeapEntry = [time: number, key: string, extra?: number];

const less = (a: HeapEntry, b: HeapEntry) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

export class MinHeap {
  constructor(readonly items: HeapEntry[] = []) {}

  get size() {
    return this.items.length;
  }

  peek(): HeapEntry | undefined {
    return this.items[0];
  }

  push(entry: HeapEntry) {
    const a = this.items;
    a.push(entry);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(a[i]!, a[parent]!)) break;
      [a[i], a[parent]] = [a[parent]!, a[i]!];
      i = parent;
    }
  }

  pop(): HeapEntry | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (!a.length || !last) return top;
    a[0] = last;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < a.length && less(a[l]!, a[m]!)) m = l;
      if (r < a.length && less(a[r]!, a[m]!)) m = r;
      if (m === i) break;
      [a[i], a[m]] = [a[m]!, a[i]!];
      i = m;
    }
    return top;
  }
}
