/** Small statistics for the benchmark: medians with their spread, percentiles, a seeded PRNG. */

export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export function median(xs: number[]): number {
  return percentile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );
}

/** Median of several runs, with min and max so a reader sees the noise. */
export function summarize(xs: number[]): { median: number; min: number; max: number; runs: number } {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs.length };
}

/** mulberry32: a tiny deterministic PRNG, so every bench run measures the same inputs. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The least-squares slope of `ys` over `xs` (how fast y grows per unit of x: the memory soak's
 * MB per minute). NaN with fewer than two distinct xs, where no line is defined.
 */
export function slope(xs: readonly number[], ys: readonly number[]): number {
  if (xs.length !== ys.length) throw new Error(`slope: ${xs.length} xs but ${ys.length} ys`);
  const n = xs.length;
  if (n < 2) return NaN;
  let mx = 0;
  for (const x of xs) mx += x;
  mx /= n;
  // x centred on its mean (no cancellation when x is a timestamp); y measured from its first
  // value, which leaves the slope unchanged (Σ(x − x̄) = 0) and makes a constant series exactly 0.
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    sxy += dx * (ys[i]! - ys[0]!);
    sxx += dx * dx;
  }
  return sxx === 0 ? NaN : sxy / sxx;
}
