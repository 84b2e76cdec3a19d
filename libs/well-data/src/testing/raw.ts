// Test-only: builds small Well files object by object with h5wasm, so tests can omit or alter any
// group, dataset or attribute and check the reader's error.
import type { Dataset, Group } from 'h5wasm/node';
import { loadH5wasm } from '../h5/load.js';

interface AttrSpec {
  value: unknown;
  shape?: number[] | null;
  dtype?: string | null;
}
interface DatasetSpec {
  data: ArrayLike<number> | number;
  shape: number[];
  dtype?: string;
  attrs?: Record<string, AttrSpec>;
}

const b = (v: boolean): AttrSpec => ({ value: new Int8Array([v ? 1 : 0]), shape: [], dtype: '<b' });
const list = (v: string[]): AttrSpec => (v.length ? { value: v } : { value: new Float64Array(0), shape: [0] });
const f32 = (n: number, seed = 1) => Float32Array.from({ length: n }, (_, i) => Math.fround(seed + i / 8));

/** Edits to the base file: skip paths (`/t2_fields`, `/@dataset_name`, `/t0_fields/u@dim_varying`) or replace them. */
export interface RawEdits {
  skip?: string[];
  attrs?: Record<string, AttrSpec>;
  datasets?: Record<string, DatasetSpec>;
}

/** Base layout: 2 trajectories, T = 3, 4 x 3 grid, t0 `u`, t1 `v`, scalar `a`, x periodic. */
function baseLayout(): { groups: string[]; attrs: Record<string, AttrSpec>; datasets: Record<string, DatasetSpec> } {
  const fieldAttrs = {
    sample_varying: b(true),
    time_varying: b(true),
    dim_varying: { value: new Int8Array([1, 1]), shape: [2], dtype: '<b' },
  };
  return {
    groups: [
      '/dimensions',
      '/boundary_conditions',
      '/boundary_conditions/x_periodic',
      '/scalars',
      '/t0_fields',
      '/t1_fields',
      '/t2_fields',
    ],
    attrs: {
      '/@dataset_name': { value: 'raw_dataset' },
      '/@grid_type': { value: 'cartesian' },
      '/@n_spatial_dims': { value: 2, shape: null, dtype: '<q' },
      '/@n_trajectories': { value: 2, shape: null, dtype: '<q' },
      '/@simulation_parameters': list(['a']),
      '/@a': { value: 0.5, shape: null, dtype: '<d' },
      '/dimensions@spatial_dims': list(['x', 'y']),
      '/boundary_conditions/x_periodic@bc_type': { value: 'PERIODIC' },
      '/boundary_conditions/x_periodic@associated_dims': { value: 'x' },
      '/boundary_conditions/x_periodic@associated_fields': list([]),
      '/boundary_conditions/x_periodic@sample_varying': b(false),
      '/boundary_conditions/x_periodic@time_varying': b(false),
      '/scalars@field_names': list(['a']),
      '/t0_fields@field_names': list(['u']),
      '/t1_fields@field_names': list(['v']),
      '/t2_fields@field_names': list([]),
    },
    datasets: {
      '/dimensions/time': { data: f32(3, 0), shape: [3], attrs: { sample_varying: b(false) } },
      '/dimensions/x': { data: f32(4, 0), shape: [4], attrs: { sample_varying: b(false), time_varying: b(false) } },
      '/dimensions/y': { data: f32(3, 0), shape: [3], attrs: { sample_varying: b(false), time_varying: b(false) } },
      '/boundary_conditions/x_periodic/mask': { data: new Int8Array([1, 0, 0, 1]), shape: [4], dtype: '<b' },
      '/scalars/a': { data: new Float64Array([0.5]), shape: [], attrs: { sample_varying: b(false), time_varying: b(false) } },
      '/t0_fields/u': { data: f32(2 * 3 * 4 * 3), shape: [2, 3, 4, 3], attrs: fieldAttrs },
      '/t1_fields/v': { data: f32(2 * 3 * 4 * 3 * 2, 2), shape: [2, 3, 4, 3, 2], attrs: fieldAttrs },
    },
  };
}

/** Writes the base file with `edits` applied. */
export async function writeRawWellFile(path: string, edits: RawEdits = {}): Promise<void> {
  const h5 = await loadH5wasm();
  const base = baseLayout();
  const skip = new Set(edits.skip ?? []);
  const skipped = (p: string) => [...skip].some((s) => p === s || p.startsWith(s + '/') || p.startsWith(s + '@'));
  const attrs = { ...base.attrs, ...edits.attrs };
  const datasets = { ...base.datasets, ...edits.datasets };
  const f = new h5.File(path, 'w');
  try {
    for (const g of base.groups) if (!skipped(g)) f.create_group(g.slice(1));
    for (const [p, d] of Object.entries(datasets)) {
      if (skipped(p)) continue;
      const data = typeof d.data === 'number' ? [d.data] : d.data;
      const ds = f.create_dataset({
        name: p.slice(1),
        data: data as never,
        shape: d.shape,
        dtype: d.dtype ?? (data instanceof Float64Array ? '<d' : '<f'),
      });
      for (const [k, a] of Object.entries(d.attrs ?? {})) if (!skipped(`${p}@${k}`)) setAttr(ds, k, a);
    }
    for (const [key, a] of Object.entries(attrs)) {
      if (skipped(key)) continue;
      const [p, name] = key.split('@') as [string, string];
      const obj = f.get(p === '/' ? '/' : p.slice(1)) as Group | Dataset | null;
      if (!obj) continue;
      if (obj.attrs[name]) obj.delete_attribute(name);
      setAttr(obj, name, a);
    }
  } finally {
    f.close();
  }
}

function setAttr(obj: Group | Dataset, name: string, a: AttrSpec): void {
  obj.create_attribute(name, a.value as never, a.shape ?? null, a.dtype ?? null);
}
