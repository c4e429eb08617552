/**
 * Multinomial logistic regression (softmax, L2) fitted by L-BFGS over hashed sparse features.
 * Pure and deterministic: no randomness at all (full-batch, fixed example order, fixed start at
 * zero), so the same examples and hyper-parameters give bit-identical weights on every run of the
 * same Node version. Training-time only: inference never imports this module.
 */

export interface TrainingExample {
  /** Hashed feature indices (features.ts), duplicates meaning counts. */
  indices: Uint32Array;
  /** Class number, 0 ≤ label < classes. */
  label: number;
}

export interface Hyper {
  /** L2 penalty λ on the weights (not the biases), objective = mean log-loss + λ/2 ‖W‖². */
  l2: number;
  maxIterations: number;
  /** L-BFGS history length. */
  memory: number;
  /** Stop when the objective's relative decrease falls under this. */
  tolerance: number;
}

export const DEFAULT_HYPER: Hyper = { l2: 1e-6, maxIterations: 400, memory: 8, tolerance: 1e-9 };

export interface SoftmaxWeights {
  classes: number;
  /** Hashed buckets that carry weights, ascending. */
  buckets: Uint32Array;
  /** buckets.length × classes, row-major by bucket. */
  weights: Float64Array;
  bias: Float64Array;
}

export interface TrainingReport {
  iterations: number;
  objective: number;
  features: number;
}

interface SparseRow {
  cols: Uint32Array;
  vals: Float64Array;
  label: number;
}

/** Deduplicated, column-remapped rows: the parameter vector only spans features seen in training. */
function compact(examples: readonly TrainingExample[]): { rows: SparseRow[]; buckets: Uint32Array } {
  const seen = new Set<number>();
  for (const e of examples) for (const i of e.indices) seen.add(i);
  const buckets = Uint32Array.from(seen).sort();
  const col = new Map<number, number>();
  buckets.forEach((b, i) => col.set(b, i));
  const rows = examples.map((e) => {
    const counts = new Map<number, number>();
    for (const i of e.indices) counts.set(col.get(i)!, (counts.get(col.get(i)!) ?? 0) + 1);
    const cols = Uint32Array.from(counts.keys()).sort();
    const scale = 1 / Math.sqrt(Math.max(1, e.indices.length));
    return { cols, vals: Float64Array.from(cols, (c) => counts.get(c)! * scale), label: e.label };
  });
  return { rows, buckets };
}

/** Mean log-loss + λ/2‖W‖² and its gradient at params = [W (F×K) | b (K)]. */
function objective(
  rows: SparseRow[],
  K: number,
  F: number,
  l2: number,
  params: Float64Array,
  grad: Float64Array,
): number {
  grad.fill(0);
  const scores = new Float64Array(K);
  const biasAt = F * K;
  let loss = 0;
  for (const r of rows) {
    for (let k = 0; k < K; k++) scores[k] = params[biasAt + k]!;
    for (let j = 0; j < r.cols.length; j++) {
      const base = r.cols[j]! * K;
      const v = r.vals[j]!;
      for (let k = 0; k < K; k++) scores[k] = scores[k]! + v * params[base + k]!;
    }
    let max = -Infinity;
    for (let k = 0; k < K; k++) if (scores[k]! > max) max = scores[k]!;
    let sum = 0;
    for (let k = 0; k < K; k++) {
      scores[k] = Math.exp(scores[k]! - max);
      sum += scores[k]!;
    }
    loss -= Math.log(scores[r.label]! / sum);
    for (let k = 0; k < K; k++) scores[k] = scores[k]! / sum - (k === r.label ? 1 : 0);
    for (let j = 0; j < r.cols.length; j++) {
      const base = r.cols[j]! * K;
      const v = r.vals[j]!;
      for (let k = 0; k < K; k++) grad[base + k] = grad[base + k]! + v * scores[k]!;
    }
    for (let k = 0; k < K; k++) grad[biasAt + k] = grad[biasAt + k]! + scores[k]!;
  }
  const n = rows.length || 1;
  let reg = 0;
  for (let i = 0; i < params.length; i++) {
    grad[i] = grad[i]! / n;
    if (i < biasAt) {
      reg += params[i]! * params[i]!;
      grad[i] = grad[i]! + l2 * params[i]!;
    }
  }
  return loss / n + (l2 / 2) * reg;
}

const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

export function trainSoftmax(
  examples: readonly TrainingExample[],
  classes: number,
  hyper: Hyper = DEFAULT_HYPER,
): { model: SoftmaxWeights; report: TrainingReport } {
  const { rows, buckets } = compact(examples);
  const F = buckets.length;
  const K = classes;
  const size = F * K + K;
  const x = new Float64Array(size);
  const g = new Float64Array(size);
  let f = objective(rows, K, F, hyper.l2, x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rhos: number[] = [];
  const dir = new Float64Array(size);
  const xNew = new Float64Array(size);
  const gNew = new Float64Array(size);
  let iterations = 0;

  for (; iterations < hyper.maxIterations; iterations++) {
    // Two-loop recursion: dir = -H·g.
    dir.set(g);
    const alphas: number[] = [];
    for (let m = S.length - 1; m >= 0; m--) {
      const a = rhos[m]! * dot(S[m]!, dir);
      alphas[m] = a;
      const y = Y[m]!;
      for (let i = 0; i < size; i++) dir[i] = dir[i]! - a * y[i]!;
    }
    const last = S.length - 1;
    const gamma = last >= 0 ? 1 / (rhos[last]! * dot(Y[last]!, Y[last]!)) : 1;
    for (let i = 0; i < size; i++) dir[i] = dir[i]! * gamma;
    for (let m = 0; m < S.length; m++) {
      const b = rhos[m]! * dot(Y[m]!, dir);
      const s = S[m]!;
      const c = alphas[m]! - b;
      for (let i = 0; i < size; i++) dir[i] = dir[i]! + c * s[i]!;
    }
    for (let i = 0; i < size; i++) dir[i] = -dir[i]!;
    let slope = dot(g, dir);
    if (slope >= 0) {
      // Not a descent direction (curvature lost): restart from steepest descent.
      S.length = 0;
      Y.length = 0;
      rhos.length = 0;
      for (let i = 0; i < size; i++) dir[i] = -g[i]!;
      slope = dot(g, dir);
    }
    // Backtracking (Armijo); the first step is scaled so that it moves by about 1.
    let step = S.length ? 1 : 1 / Math.max(1, Math.sqrt(dot(g, g)));
    let fNew = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < size; i++) xNew[i] = x[i]! + step * dir[i]!;
      fNew = objective(rows, K, F, hyper.l2, xNew, gNew);
      if (fNew <= f + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(fNew < f)) break;
    // The oldest pair's arrays are reused for the newest: no allocation per iteration.
    const s = S.length === hyper.memory ? S.shift()! : new Float64Array(size);
    const y = Y.length === hyper.memory ? Y.shift()! : new Float64Array(size);
    if (rhos.length === hyper.memory) rhos.shift();
    for (let i = 0; i < size; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      S.push(s);
      Y.push(y);
      rhos.push(1 / sy);
    }
    const decrease = (f - fNew) / Math.max(1, Math.abs(f));
    x.set(xNew);
    g.set(gNew);
    f = fNew;
    if (decrease < hyper.tolerance) {
      iterations++;
      break;
    }
  }

  return {
    model: { classes: K, buckets, weights: x.slice(0, F * K), bias: x.slice(F * K) },
    report: { iterations, objective: f, features: F },
  };
}
