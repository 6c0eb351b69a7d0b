// When a record was read, as wall-clock epoch milliseconds with sub-millisecond resolution. Comparable
// across the threads of one machine (each thread's timeOrigin is a wall-clock instant), unlike
// performance.now() alone; finer than Date.now(), which the 1–100 ms latency buckets need.
export const readClock = (): number => performance.timeOrigin + performance.now();
