/**
 * Test-trajectory selection (docs/method.md §13.1): indices int(u·N) from uniforms drawn with a seed (0 in
 * the paper), duplicates removed, in draw order; mapped to (file, trajectory). The paper draws
 * exactly `count` uniforms and may end with fewer trajectories; here drawing continues until
 * min(count, N) distinct ones are found (the first picks are those of drawing exactly `count`).
 */

export interface TrajectoryRef {
  /** File name within the split directory. */
  file: string;
  traj: number;
  /** Global index over the split's files in sorted order. */
  index: number;
}

export function selectTrajectories(files: { file: string; nTrajectories: number }[], count: number, seed = 0): TrajectoryRef[] {
  const total = files.reduce((n, f) => n + f.nTrajectories, 0);
  if (total === 0) throw new Error('no trajectories in the split');
  const rng = new Rng(seed);
  const picked: number[] = [];
  const wanted = Math.min(count, total);
  for (let i = 0; picked.length < wanted && i < 1000 * wanted; i++) {
    const k = Math.floor(rng.uniform() * total);
    if (!picked.includes(k)) picked.push(k);
  }
  return picked.map((index) => {
    let rest = index;
    for (const f of files) {
      if (rest < f.nTrajectories) return { file: f.file, traj: rest, index };
      rest -= f.nTrajectories;
    }
    throw new Error(`trajectory index ${index} out of range`);
  });
}
import { Rng } from '@lola-ts/numerics';
