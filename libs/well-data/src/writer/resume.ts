import type { Dataset, File as H5File } from 'h5wasm/node';
import { WellFormatError } from '../errors.js';
import type { H5Wasm } from '../h5/load.js';
import { reopenForAppend } from '../h5/reopen.js';
import { parseWellSchema } from '../schema/parse.js';
import type { WellFileSchema } from '../schema/types.js';
import type { ResolvedSchema } from './spec.js';

/**
 * Reopens `<path>.partial` for appending. Trajectory arrays longer than the recorded
 * `n_trajectories` (a run killed in the middle of an append) are cut back. Returns null when the
 * partial file cannot be used (unreadable: the caller starts over); throws when it was written with
 * a different schema.
 */
export function resumePartial(
  h5: H5Wasm,
  temp: string,
  finalPath: string,
  r: ResolvedSchema,
): { file: H5File; nTrajectories: number } | null {
  const f = reopenForAppend(h5, temp);
  if (!f) return null;
  let schema: WellFileSchema;
  try {
    const n = Number(f.attrs['n_trajectories']?.value ?? -1);
    if (!(n >= 0)) throw new Error('no n_trajectories');
    for (const g of ['t0_fields', 't1_fields', 't2_fields', 'scalars']) {
      const group = f.get(g);
      if (!group || !('keys' in group)) continue;
      for (const k of group.keys()) {
        const ds = f.get(`${g}/${k}`) as Dataset;
        const sv = ds.attrs['sample_varying']?.value;
        const shape = ds.shape ?? [];
        if (!sv || shape.length === 0) continue;
        if (shape[0]! < n) throw new Error('short dataset');
        if (shape[0]! > n) ds.resize([n, ...shape.slice(1)]);
      }
    }
    schema = parseWellSchema(f, temp);
  } catch {
    f.close();
    return null;
  }
  const diff = schemaDifference(schema, r);
  if (diff) {
    f.close();
    throw new WellFormatError(temp, '/', `a partial file of ${finalPath} written with the same schema (delete it to start over)`, diff);
  }
  return { file: f, nTrajectories: schema.nTrajectories };
}

function schemaDifference(s: WellFileSchema, r: ResolvedSchema): string | null {
  const w = r.schema;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (s.datasetName !== w.datasetName) return `dataset_name '${s.datasetName}'`;
  if (!same(s.spatialDims, w.spatialDims)) return `spatial_dims ${JSON.stringify(s.spatialDims)}`;
  if (!same(s.resolution, r.resolution)) return `resolution ${JSON.stringify(s.resolution)}`;
  if (s.nSteps !== r.nSteps) return `${s.nSteps} time steps`;
  const fields = s.fields.map((f) => [f.name, f.order, f.timeVarying, f.dimVarying]);
  const want = r.fields.map((f) => [f.name, f.order, f.timeVarying, f.dimVarying]);
  if (!same(fields, want)) return `fields ${JSON.stringify(fields)}`;
  const params = Object.fromEntries(r.parameters);
  for (const [k, v] of Object.entries(params)) if (s.parameterValues[k] !== v) return `parameter ${k} = ${s.parameterValues[k]}`;
  const scalars = s.scalars.map((x) => x.name);
  const wantScalars = [...r.parameters.map(([k]) => k), ...r.scalars.map((x) => x.name)];
  if (!same(scalars, wantScalars)) return `scalars ${JSON.stringify(scalars)}`;
  return null;
}
