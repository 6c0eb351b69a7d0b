// Shared by the accuracy comparison and the bench's figures: one definition of a percentile.

/** The p-th percentile (0..100) by the nearest-rank method; null for no samples. */
export function percentile(samples: readonly number[], p: number): number | null {
  if (!samples.length) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}
