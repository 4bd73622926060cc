/** Small statistics helpers for the benchmark figures. */

/** The p-th percentile (0..100) of values by nearest rank, or NaN when empty; sorts a copy. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

/** The median of values, or NaN when empty. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** The arithmetic mean of values, or NaN when empty. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

/** a / b, or NaN when b is zero or either is not finite. */
export function ratio(a: number, b: number): number {
  return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : Number.NaN;
}

/** Bytes as megabytes (10^6, as the targets are written). */
export function mb(bytes: number): number {
  return bytes / 1e6;
}

/** Resolves after ms milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
