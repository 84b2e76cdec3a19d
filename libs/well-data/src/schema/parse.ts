import type { Dataset, File as H5File, Group } from 'h5wasm/node';
import { WellFormatError, attrPath, describe } from '../errors.js';
import { readBoolAttr, readBoolListAttr, readNumberAttr, readStringAttr, readStringListAttr } from '../h5/attrs.js';
import { boundaryCodes } from './boundary.js';
import { fieldChannelNames } from './channels.js';
import {
  BOUNDARY_TYPES,
  type BoundaryGroupSchema,
  type BoundaryType,
  type CoordinateSchema,
  type FieldSchema,
  type ScalarSchema,
  type TensorOrder,
  type WellFileSchema,
} from './types.js';

export const ROOT_GROUPS = ['dimensions', 'boundary_conditions', 'scalars', 't0_fields', 't1_fields', 't2_fields'] as const;

/** h5wasm object type tag (`'Group'`, `'Dataset'`). */
function kind(e: unknown): string | undefined {
  return e && typeof e === 'object' && 'type' in e ? String((e as { type: unknown }).type) : undefined;
}

export function requireGroup(f: H5File, file: string, path: string, what = 'group'): Group {
  const e = f.get(path);
  if (kind(e) !== 'Group') throw new WellFormatError(file, path, `a ${what}`, e ? `a ${kind(e)}` : 'missing');
  return e as Group;
}

export function requireDataset(f: H5File, file: string, path: string, what = 'dataset'): Dataset {
  const e = f.get(path);
  if (kind(e) !== 'Dataset') throw new WellFormatError(file, path, `a ${what}`, e ? `a ${kind(e)}` : 'missing');
  return e as Dataset;
}

function shapeOf(ds: Dataset): number[] {
  return (ds.shape ?? []).map(Number);
}

function fmt(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

function checkShape(file: string, ds: Dataset, expected: number[], why: string): number[] {
  const got = shapeOf(ds);
  if (got.length !== expected.length || got.some((n, i) => n !== expected[i])) {
    throw new WellFormatError(file, ds.path, `shape ${fmt(expected)} (${why})`, `shape ${fmt(got)}`);
  }
  return got;
}

/** Numeric (integer or float) dtype check; h5wasm metadata type 0 = integer, 1 = float. */
function checkNumeric(file: string, ds: Dataset): void {
  const t = ds.metadata.type;
  if (t !== 0 && t !== 1) throw new WellFormatError(file, ds.path, 'a numeric dataset', `dtype ${describe(ds.dtype)}`);
}

function checkFloat32(file: string, ds: Dataset): void {
  const m = ds.metadata;
  if (m.type !== 1 || m.size !== 4 || !m.littleEndian) {
    throw new WellFormatError(file, ds.path, 'float32 data (little-endian)', `dtype ${describe(ds.dtype)}`);
  }
}

/**
 * Parses and validates the schema of an open Well file (docs/well-format.md §2): root attributes, the six
 * root groups, `dimensions`, `boundary_conditions` (with BC codes), `scalars` and `t0/t1/t2_fields`
 * with the exact shape rule `[n_traj?] + [T?] + [N_d if dim_varying] + [D]*K`. Reads only
 * attributes, shapes and the (small) boundary masks. Throws `WellFormatError` naming the object.
 */
export function parseWellSchema(f: H5File, file: string): WellFileSchema {
  const root = { file, obj: f as Group };
  const datasetName = readStringAttr(root, 'dataset_name');
  const gridType = readStringAttr(root, 'grid_type');
  const nSpatialDims = readNumberAttr(root, 'n_spatial_dims', { integer: true });
  const nTrajectories = readNumberAttr(root, 'n_trajectories', { integer: true });
  if (nTrajectories < 0) throw new WellFormatError(file, attrPath('/', 'n_trajectories'), 'a non-negative integer', String(nTrajectories));
  const simulationParameters = readStringListAttr(root, 'simulation_parameters', { optional: true });
  const parameterValues: Record<string, number> = {};
  for (const p of simulationParameters) parameterValues[p] = readNumberAttr(root, p);

  for (const g of ROOT_GROUPS) requireGroup(f, file, `/${g}`, 'root group');

  // dimensions
  const dimsGroup = requireGroup(f, file, '/dimensions');
  const dimsSrc = { file, obj: dimsGroup };
  const spatialDims = readStringListAttr(dimsSrc, 'spatial_dims');
  if (spatialDims.length !== nSpatialDims) {
    throw new WellFormatError(
      file,
      attrPath('/dimensions', 'spatial_dims'),
      `${nSpatialDims} names (n_spatial_dims)`,
      describe(spatialDims),
    );
  }
  const time = requireDataset(f, file, '/dimensions/time', 'time dataset');
  checkNumeric(file, time);
  const timeSampleVarying = readBoolAttr({ file, obj: time }, 'sample_varying');
  const timeShape = shapeOf(time);
  if (timeShape.length !== (timeSampleVarying ? 2 : 1) || (timeSampleVarying && timeShape[0] !== nTrajectories)) {
    throw new WellFormatError(
      file,
      time.path,
      timeSampleVarying ? `shape [${nTrajectories}, T] (sample_varying)` : 'shape [T]',
      `shape ${fmt(timeShape)}`,
    );
  }
  const nSteps = timeShape[timeShape.length - 1]!;
  const coordinates: CoordinateSchema[] = spatialDims.map((d) => {
    const ds = requireDataset(f, file, `/dimensions/${d}`, `coordinate dataset for spatial dim '${d}'`);
    checkNumeric(file, ds);
    const src = { file, obj: ds };
    const sampleVarying = readBoolAttr(src, 'sample_varying');
    if (readBoolAttr(src, 'time_varying', { default: false })) {
      throw new WellFormatError(file, attrPath(ds.path, 'time_varying'), 'false (time-varying coordinates are not supported)', 'true');
    }
    const shape = shapeOf(ds);
    if (shape.length !== (sampleVarying ? 2 : 1) || (sampleVarying && shape[0] !== nTrajectories) || shape[shape.length - 1]! < 1) {
      throw new WellFormatError(
        file,
        ds.path,
        sampleVarying ? `shape [${nTrajectories}, N] (sample_varying)` : 'shape [N]',
        `shape ${fmt(shape)}`,
      );
    }
    return { name: d, sampleVarying, length: shape[shape.length - 1]! };
  });
  const resolution = coordinates.map((c) => c.length);
  const lead = (sv: boolean, tv: boolean) => [...(sv ? [nTrajectories] : []), ...(tv ? [nSteps] : [])];
  const leadWhy = (sv: boolean, tv: boolean) => [...(sv ? ['n_traj'] : []), ...(tv ? ['T'] : [])];

  // boundary conditions
  const bcGroup = requireGroup(f, file, '/boundary_conditions');
  const boundaryGroups: BoundaryGroupSchema[] = [];
  const masks: ArrayLike<number>[] = [];
  for (const name of bcGroup.keys()) {
    const path = `/boundary_conditions/${name}`;
    const g = requireGroup(f, file, path, 'boundary-condition group');
    const src = { file, obj: g };
    const rawType = readStringAttr(src, 'bc_type').toUpperCase();
    if (!BOUNDARY_TYPES.includes(rawType as BoundaryType)) {
      throw new WellFormatError(file, attrPath(path, 'bc_type'), 'one of WALL, OPEN, PERIODIC', describe(rawType));
    }
    const associatedDims = readStringListAttr(src, 'associated_dims');
    for (const d of associatedDims) {
      if (!spatialDims.includes(d))
        throw new WellFormatError(file, attrPath(path, 'associated_dims'), `dims from spatial_dims ${describe(spatialDims)}`, describe(d));
    }
    const sampleVarying = readBoolAttr(src, 'sample_varying', { default: false });
    const timeVarying = readBoolAttr(src, 'time_varying', { default: false });
    const mask = requireDataset(f, file, `${path}/mask`, 'mask dataset');
    const dims = spatialDims.filter((d) => associatedDims.includes(d));
    const maskShape = checkShape(
      file,
      mask,
      [...lead(sampleVarying, timeVarying), ...dims.map((d) => resolution[spatialDims.indexOf(d)]!)],
      [...leadWhy(sampleVarying, timeVarying), ...dims].join(', ') + ' from the flags and associated_dims',
    );
    masks.push(readMask(file, mask));
    boundaryGroups.push({ name, path, bcType: rawType as BoundaryType, associatedDims, sampleVarying, timeVarying, maskShape });
  }
  const codes = boundaryCodes(
    spatialDims,
    boundaryGroups.map((g, i) => ({ bcType: g.bcType, associatedDims: g.associatedDims, mask: masks[i]!, maskShape: g.maskShape })),
  );

  // scalars
  const scalarGroup = requireGroup(f, file, '/scalars');
  const scalars: ScalarSchema[] = readStringListAttr({ file, obj: scalarGroup }, 'field_names').map((name) => {
    const path = `/scalars/${name}`;
    const ds = requireDataset(f, file, path, `dataset for scalar '${name}' listed in /scalars@field_names`);
    checkNumeric(file, ds);
    const src = { file, obj: ds };
    const sampleVarying = readBoolAttr(src, 'sample_varying');
    const timeVarying = readBoolAttr(src, 'time_varying');
    const shape = checkShape(
      file,
      ds,
      lead(sampleVarying, timeVarying),
      `${leadWhy(sampleVarying, timeVarying).join(', ') || '0-d'} from the flags`,
    );
    return { name, path, sampleVarying, timeVarying, shape };
  });
  for (const p of simulationParameters) {
    if (!scalars.some((s) => s.name === p)) {
      throw new WellFormatError(
        file,
        attrPath('/scalars', 'field_names'),
        `simulation parameter '${p}' listed as a scalar`,
        describe(scalars.map((s) => s.name)),
      );
    }
  }

  // fields
  const fields: FieldSchema[] = [];
  for (const order of [0, 1, 2] as TensorOrder[]) {
    const gpath = `/t${order}_fields`;
    const g = requireGroup(f, file, gpath);
    const names = readStringListAttr({ file, obj: g }, 'field_names');
    for (const name of names) {
      const path = `${gpath}/${name}`;
      if (fields.some((x) => x.path === path))
        throw new WellFormatError(file, attrPath(gpath, 'field_names'), 'unique names', `'${name}' twice`);
      const ds = requireDataset(f, file, path, `dataset for field '${name}' listed in ${gpath}@field_names`);
      checkFloat32(file, ds);
      const src = { file, obj: ds };
      const sampleVarying = readBoolAttr(src, 'sample_varying');
      const timeVarying = readBoolAttr(src, 'time_varying');
      const dimVarying = readBoolListAttr(src, 'dim_varying', nSpatialDims);
      const expected = [
        ...lead(sampleVarying, timeVarying),
        ...resolution.filter((_, i) => dimVarying[i]),
        ...Array<number>(order).fill(nSpatialDims),
      ];
      const why = [
        ...leadWhy(sampleVarying, timeVarying),
        ...spatialDims.filter((_, i) => dimVarying[i]),
        ...Array<string>(order).fill('D'),
      ];
      const shape = checkShape(
        file,
        ds,
        expected,
        `${why.join(', ')} from sample_varying, time_varying, dim_varying and tensor order ${order}`,
      );
      fields.push({
        name,
        order,
        path,
        sampleVarying,
        timeVarying,
        dimVarying,
        shape,
        channels: fieldChannelNames(name, order, spatialDims),
      });
    }
  }

  return {
    file,
    datasetName,
    gridType,
    nSpatialDims,
    nTrajectories,
    simulationParameters,
    parameterValues,
    spatialDims,
    resolution,
    nSteps,
    timeSampleVarying,
    coordinates,
    boundaryGroups,
    boundaryCodes: codes,
    scalars,
    fields,
  };
}

function readMask(file: string, ds: Dataset): ArrayLike<number> {
  const v = ds.value;
  if (ArrayBuffer.isView(v)) return v as unknown as ArrayLike<number>;
  if (typeof v === 'number' || typeof v === 'boolean') return [Number(v)];
  if (Array.isArray(v)) return v.map((x) => (x ? 1 : 0));
  throw new WellFormatError(file, ds.path, 'a boolean mask (HDF5 enum or integers)', describe(v));
}
