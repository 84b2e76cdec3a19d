/**
 * Adams–Bashforth weights on a non-uniform grid, in float64 (docs/method.md §7, step 2).
 *
 * With nodes ρ_0..ρ_{n−1} (the last n grid points, oldest first) and the step [a, b]
 * = [ρ_i, ρ_{i+1}], the weights are c_j = ∫_a^b ℓ_j(u) du for the Lagrange basis ℓ_j of the nodes,
 * found by solving the Vandermonde system V·c = r with V[k][j] = ρ_j^k and
 * r_k = (b^{k+1} − a^{k+1})/(k+1), k = 0..n−1.
 */

/** Solves A·x = r (n × n, row-major arrays) by Gaussian elimination with partial pivoting. */
export function solveLinear(a: number[][], r: number[]): number[] {
  const n = r.length;
  const m = a.map((row, i) => {
    if (row.length !== n) throw new Error(`solveLinear: row ${i} has ${row.length} entries, expected ${n}`);
    return [...row, r[i]!];
  });
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let i = col + 1; i < n; i++) if (Math.abs(m[i]![col]!) > Math.abs(m[piv]![col]!)) piv = i;
    if (m[piv]![col] === 0) throw new Error('solveLinear: singular system (repeated nodes?)');
    [m[col], m[piv]] = [m[piv]!, m[col]!];
    for (let i = col + 1; i < n; i++) {
      const f = m[i]![col]! / m[col]![col]!;
      for (let j = col; j <= n; j++) m[i]![j]! -= f * m[col]![j]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = m[i]![n]!;
    for (let j = i + 1; j < n; j++) s -= m[i]![j]! * x[j]!;
    x[i] = s / m[i]![i]!;
  }
  return x;
}

/**
 * Weights c_j = ∫_from^to ℓ_j(u) du of the Lagrange basis on `nodes` (oldest first), so that
 * ∫_from^to f ≈ Σ_j c_j f(nodes_j). Exact for polynomials of degree < nodes.length.
 */
export function adamsBashforthWeights(nodes: readonly number[], from: number, to: number): number[] {
  const n = nodes.length;
  if (n === 0) throw new Error('adamsBashforthWeights: need at least one node');
  const v = Array.from({ length: n }, (_, k) => nodes.map((rho) => rho ** k));
  const r = Array.from({ length: n }, (_, k) => (to ** (k + 1) - from ** (k + 1)) / (k + 1));
  return solveLinear(v, r);
}

/**
 * The AB coefficients used at step i of the sampler (azula 0.3.1 `ABSampler`): with the grid
 * ρ_0..ρ_{i+1} (`grid` holds at least i+2 values), n = min(order, i+1) and nodes ρ_{i−n+1}..ρ_i,
 * returns the n weights for z_{i−n+1}..z_i over [ρ_i, ρ_{i+1}].
 */
export function abStepCoefficients(grid: readonly number[], i: number, order = 3): number[] {
  if (!Number.isInteger(order) || order < 1) throw new RangeError(`abStepCoefficients: order must be an integer >= 1, got ${order}`);
  if (!(i >= 0) || i + 1 >= grid.length)
    throw new RangeError(`abStepCoefficients: step ${i} needs grid points ${i} and ${i + 1}, grid has ${grid.length}`);
  const n = Math.min(order, i + 1);
  return adamsBashforthWeights(grid.slice(i - n + 1, i + 1), grid[i]!, grid[i + 1]!);
}
