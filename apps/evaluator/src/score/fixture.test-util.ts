/** Tiny truth datasets and rollout directories for the scoring tests (generated, seeded). */
import { Rng } from '@lola-ts/numerics';
import { createWellFile } from '@lola-ts/well-data';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RolloutManifest } from '../rollouts/manifest.js';

export const N = 8,
  T = 9,
  STRIDE = 2;
const coords = {
  x: Float32Array.from({ length: N }, (_, i) => (i + 0.5) / N),
  y: Float32Array.from({ length: N }, (_, i) => (i + 0.5) / N),
};

export interface Fields {
  a: Float32Array;
  v: Float32Array;
}

function field(seed: number, frames: number): Fields {
  const r = new Rng(seed);
  return { a: r.fillNormal(new Float32Array(frames * N * N), 1, 0.5), v: r.fillNormal(new Float32Array(frames * N * N * 2)) };
}

async function writeFile(file: string, trajs: Fields[], times: Float32Array, extraField = false) {
  mkdirSync(path.dirname(file), { recursive: true });
  const w = await createWellFile(file, {
    datasetName: 'toy',
    spatialDims: ['x', 'y'],
    coordinates: coords,
    time: times,
    boundaryConditions: { x: 'PERIODIC', y: 'PERIODIC' },
    parameters: { g: 1 },
    fields: [{ name: 'a' }, ...(extraField ? [{ name: 'b' }] : []), { name: 'v', order: 1 as const }],
  });
  for (const t of trajs) await w.appendTrajectory(extraField ? { a: t.a, b: t.a, v: t.v } : { a: t.a, v: t.v });
  await w.close();
}

export interface SetupOptions {
  extraField?: boolean;
  /** Directory to reuse (its truth dataset is kept) and the rollout's name within it. */
  dir?: string;
  name?: string;
  method?: string;
  compressionRate?: number;
  /** Overwrite one predicted value: member (trajectory in the file), frame, index within field v's frame, value. */
  poison?: { member: number; frame: number; index: number; value: number };
  /** Overwrite one truth value of field a (before the members are drawn from the truth). */
  poisonTruth?: { traj: number; timeIndex: number; index: number; value: number };
}

/** Truth dataset (2 trajectories × T frames) and a rollout of 5 frames from 0 at stride 2 (members = truth + noise). */
export async function setup(noise: number, S = 3, opts: SetupOptions = {}) {
  const dir = opts.dir ?? mkdtempSync(path.join(os.tmpdir(), 'lola-score-'));
  const truth = [field(1, T), field(2, T)];
  if (opts.poisonTruth)
    truth[opts.poisonTruth.traj]!.a[opts.poisonTruth.timeIndex * N * N + opts.poisonTruth.index] = opts.poisonTruth.value;
  if (!opts.dir)
    await writeFile(
      path.join(dir, 'toy/data/test/f.hdf5'),
      truth,
      Float32Array.from({ length: T }, (_, i) => i),
    );
  const frames = 5,
    context = 1,
    start = 0;
  const r = new Rng(9);
  const members: Fields[] = [];
  for (const t of truth) {
    for (let s = 0; s < S; s++) {
      const pick = (src: Float32Array, per: number) => {
        const out = new Float32Array(frames * per);
        for (let f = 0; f < frames; f++)
          for (let i = 0; i < per; i++) out[f * per + i] = src[(start + f * STRIDE) * per + i]! + noise * r.normal();
        return out;
      };
      members.push({ a: pick(t.a, N * N), v: pick(t.v, N * N * 2) });
    }
  }
  if (opts.poison) members[opts.poison.member]!.v[opts.poison.frame * N * N * 2 + opts.poison.index] = opts.poison.value;
  const roll = path.join(dir, opts.name ?? 'roll');
  await writeFile(
    path.join(roll, 'data/test/f.hdf5'),
    members,
    Float32Array.from({ length: frames }, (_, f) => f * STRIDE),
    opts.extraField,
  );
  const manifest: RolloutManifest = {
    method: opts.method ?? 'dm',
    compressionRate: opts.compressionRate ?? 80,
    dataset: 'toy',
    datasetDir: path.join(dir, 'toy'),
    split: 'test',
    context,
    stride: STRIDE,
    start,
    frames,
    ensembleSize: S,
    samplerSteps: 16,
    model: null,
    seed: 3,
    sources: [
      { file: 'f.hdf5', traj: 0, sliceStart: 0 },
      { file: 'f.hdf5', traj: 1, sliceStart: 0 },
    ],
    files: ['data/test/f.hdf5', 'data/test/f.hdf5'],
  };
  writeFileSync(path.join(roll, 'rollout.json'), JSON.stringify(manifest));
  return { dir, roll, truth, members, manifest };
}
