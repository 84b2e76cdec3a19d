/** Builds side-by-side movies (truth | method ...) of one field from rollout directories. */
import { channelIndex, openWellFile } from '@lola-ts/well-data';
import path from 'node:path';
import { readManifest } from '../rollouts/manifest.js';
import { encodeSideBySideGif, type AnimationPanel } from './animation.js';
import type { ReportAnimation } from './html.js';

/** Frames of channel `c` from a channels-last block [T, H, W, C]. */
function channelFrames(data: Float32Array, shape: number[], c: number): Float32Array[] {
  const [T, H, W, C] = shape as [number, number, number, number];
  return Array.from({ length: T }, (_, t) => {
    const f = new Float32Array(H * W);
    for (let i = 0; i < H * W; i++) f[i] = data[(t * H * W + i) * C + c]!;
    return f;
  });
}

export async function buildMovies(rolloutDirs: string[], opts: { field?: string; count: number }): Promise<ReportAnimation[]> {
  if (!rolloutDirs.length) return [];
  const manifests = rolloutDirs.map((d) => ({ dir: d, m: readManifest(d) }));
  const first = manifests[0]!.m;
  const movies: ReportAnimation[] = [];
  for (let s = 0; s < Math.min(opts.count, first.sources.length); s++) {
    const src = first.sources[s]!;
    const truthFile = await openWellFile(path.join(first.datasetDir, 'data', first.split, src.file));
    try {
      if (truthFile.schema.spatialDims.length !== 2) throw new Error(`${src.file}: movies need 2-D data`);
      const truth = truthFile.readFields(src.traj, { start: src.sliceStart, stride: first.stride, count: first.frames });
      const field = opts.field ?? truth.channels[0]!;
      const c = channelIndex(truth.channels, field, src.file, '--field');
      const panels: AnimationPanel[] = [{ label: 'truth', frames: channelFrames(truth.data, truth.shape, c) }];
      for (const { dir, m } of manifests) {
        const idx = m.sources.findIndex((x) => x.file === src.file && x.traj === src.traj);
        if (idx < 0) continue;
        const pred = await openWellFile(path.join(dir, m.files[idx]!));
        try {
          const posInFile = m.sources.slice(0, idx).filter((_, j) => m.files[j] === m.files[idx]).length;
          const member = pred.readFields(posInFile * m.ensembleSize, { start: 0, count: first.frames });
          panels.push({
            label: `${m.method} ${m.compressionRate === 1 ? 'pixel' : `${Math.round(m.compressionRate)}×`}`,
            frames: channelFrames(member.data, member.shape, c),
          });
        } finally {
          pred.close();
        }
      }
      const [, H, W] = truth.shape as [number, number, number];
      movies.push({
        caption: `${src.file} trajectory ${src.traj}, ${field}: ${panels.map((p) => p.label).join(' | ')}`,
        gif: encodeSideBySideGif(panels, { height: H, width: W }),
      });
    } finally {
      truthFile.close();
    }
  }
  return movies;
}
