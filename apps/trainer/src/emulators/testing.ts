/**
 * Test fixture for the emulator stages: a tiny latent cache (`train.h5`, `valid.h5`, `cache.yaml`)
 * of smooth travelling waves, written with @lola-ts/well-data's latent store. Used only by tests.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeConfig } from '@lola-ts/nn-blocks';
import { createLatentStore, Rng } from '@lola-ts/well-data';

export async function writeTinyLatentCache(
  dir: string,
  o: { steps?: number; shape?: number[]; train?: number; valid?: number; seed?: number } = {},
): Promise<string> {
  const T = o.steps ?? 9;
  const shape = o.shape ?? [4, 4, 2];
  const [h, w, c] = shape as [number, number, number];
  const rng = new Rng(o.seed ?? 0);
  mkdirSync(dir, { recursive: true });
  for (const [split, n] of [
    ['train', o.train ?? 4],
    ['valid', o.valid ?? 2],
  ] as const) {
    const store = await createLatentStore(join(dir, `${split}.h5`), {
      aeRunId: 'fixture',
      compressionRate: 8,
      nSteps: T,
      latentShape: shape,
      labelDim: 5,
    });
    for (let k = 0; k < n; k++) {
      const gamma = 1.2 + 0.1 * rng.int(5);
      const phase = rng.uniform(0, 6.28);
      const states = new Float32Array(T * h * w * c);
      for (let t = 0, q = 0; t < T; t++)
        for (let i = 0; i < h; i++)
          for (let j = 0; j < w; j++)
            for (let ch = 0; ch < c; ch++, q++) {
              states[q] = Math.sin((2 * Math.PI * (i + j)) / h + phase - gamma * t * 0.4 + ch);
            }
      await store.append(states, [gamma, 2, 2, 2, 2]);
    }
    await store.close();
  }
  writeConfig(
    join(dir, 'cache.yaml'),
    {
      aeRunId: 'fixture',
      compressionRate: 8,
      latentShape: shape,
      channels: ['a', 'b'],
      labels: ['gamma', 'bc_x_lower', 'bc_x_upper', 'bc_y_lower', 'bc_y_upper'],
    },
    'fixture',
  );
  return dir;
}
