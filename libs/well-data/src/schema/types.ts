/** Boundary-condition codes returned by The Well's loader (`boundary_return_type="padding"`). */
export const BoundaryCode = { WALL: 0, OPEN: 1, PERIODIC: 2 } as const;
export type BoundaryType = keyof typeof BoundaryCode;
export const BOUNDARY_TYPES: readonly BoundaryType[] = ['WALL', 'OPEN', 'PERIODIC'];

/** Tensor order of a field: 0 scalar field, 1 vector, 2 rank-2 tensor (`tK_fields`). */
export type TensorOrder = 0 | 1 | 2;

/** One `/tK_fields/<name>` dataset. */
export interface FieldSchema {
  name: string;
  order: TensorOrder;
  /** HDF5 path, e.g. `/t1_fields/velocity`. */
  path: string;
  sampleVarying: boolean;
  timeVarying: boolean;
  /** One flag per spatial dim; false axes are not stored and are tiled back on read. */
  dimVarying: boolean[];
  /** Stored shape `[n_traj?] + [T?] + [N_d if dim_varying] + [D]*order`. */
  shape: number[];
  /** Flattened channel names (`velocity_x`, `D_xy`, ...), row-major over the tensor axes. */
  channels: string[];
}

/** One `/scalars/<name>` dataset. */
export interface ScalarSchema {
  name: string;
  path: string;
  sampleVarying: boolean;
  timeVarying: boolean;
  /** Stored shape `[n_traj?] + [T?]` (a constant scalar is 0-d, shape `[]`). */
  shape: number[];
}

/** One `/boundary_conditions/<name>` group. */
export interface BoundaryGroupSchema {
  name: string;
  path: string;
  bcType: BoundaryType;
  associatedDims: string[];
  sampleVarying: boolean;
  timeVarying: boolean;
  maskShape: number[];
}

/** One spatial coordinate dataset `/dimensions/<dim>`. */
export interface CoordinateSchema {
  name: string;
  sampleVarying: boolean;
  /** Number of points, `shape[-1]`. */
  length: number;
}

/** Everything a Well HDF5 file declares, parsed and validated. */
export interface WellFileSchema {
  /** Path of the file on disk. */
  file: string;
  datasetName: string;
  gridType: string;
  nSpatialDims: number;
  nTrajectories: number;
  /** Names listed in the root `simulation_parameters` attribute. */
  simulationParameters: string[];
  /** Root attribute value of each simulation parameter. */
  parameterValues: Record<string, number>;
  /** `dimensions@spatial_dims`, in axis order. */
  spatialDims: string[];
  /** `[shape[-1] of each coordinate]`, in axis order. */
  resolution: number[];
  /** Number of time steps, `time.shape[-1]`. */
  nSteps: number;
  timeSampleVarying: boolean;
  coordinates: CoordinateSchema[];
  /** In HDF5 key order (alphabetical), the order The Well's loader applies them in. */
  boundaryGroups: BoundaryGroupSchema[];
  /** `[n_spatial_dims][2]` codes WALL=0 / OPEN=1 / PERIODIC=2 (lower, upper side). */
  boundaryCodes: number[][];
  /** In `scalars@field_names` order. */
  scalars: ScalarSchema[];
  /** t0 then t1 then t2 fields, each group in its `field_names` order. */
  fields: FieldSchema[];
}
