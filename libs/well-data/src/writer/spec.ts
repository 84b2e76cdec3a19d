import { WellFormatError } from '../errors.js';
import { BOUNDARY_TYPES, type BoundaryType, type TensorOrder } from '../schema/types.js';

/** A field to write: `/t<order>_fields/<name>`. */
export interface WellFieldSpec {
  name: string;
  /** Tensor order: 0 scalar field (default), 1 vector, 2 rank-2 tensor. */
  order?: TensorOrder;
  /** False for a per-trajectory constant field (no time axis). Default true. */
  timeVarying?: boolean;
  /** Axes that are stored (default all true); false axes are dropped and tiled back on read. */
  dimVarying?: boolean[];
}

/**
 * A scalar to write in `/scalars`. With `values` it is the same for every trajectory (0-d, or `[T]`
 * when `timeVarying`); without, it is sample-varying and each `appendTrajectory` call gives it.
 */
export interface WellScalarSpec {
  name: string;
  timeVarying?: boolean;
  values?: number | ArrayLike<number>;
}

/** Boundary condition of one axis: one type for both sides, or `[lower, upper]`. */
export type BoundarySpec = BoundaryType | readonly [BoundaryType, BoundaryType];

/** Everything a Well file declares, in the simple form the writer takes (docs/well-format.md §7.1). */
export interface WellWriteSchema {
  datasetName: string;
  /** Default `"cartesian"`. */
  gridType?: string;
  /** Axis names in order, e.g. `['x', 'y']`. */
  spatialDims: string[];
  /** Coordinates of each spatial dim (may be non-uniform), keyed by dim name. */
  coordinates: Record<string, ArrayLike<number>>;
  /** Time of each stored step; its length is T. */
  time: ArrayLike<number>;
  /** Boundary type per axis, keyed by dim name (sides not given read as OPEN). */
  boundaryConditions: Record<string, BoundarySpec>;
  /** Simulation parameters (constant per file): root attributes, `simulation_parameters` and 0-d scalars. */
  parameters?: Record<string, number>;
  /** Further scalars (sample-varying or time-varying). */
  scalars?: WellScalarSpec[];
  /** Fields; the file's channel order is t0 then t1 then t2, each in the order given here. */
  fields: WellFieldSpec[];
}

/** A field spec with defaults applied and its per-trajectory stored shape. */
export interface ResolvedField {
  name: string;
  order: TensorOrder;
  timeVarying: boolean;
  dimVarying: boolean[];
  /** Shape of one trajectory: `[T?] + [N_d if dim_varying] + [D]*order`. */
  trajShape: number[];
  /** Axis names for messages (`T, x, y, D`). */
  axisNames: string[];
}

/** Validated write schema. */
export interface ResolvedSchema {
  schema: WellWriteSchema;
  resolution: number[];
  nSteps: number;
  fields: ResolvedField[];
  parameters: [string, number][];
  scalars: WellScalarSpec[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.+-]*$/;

/** Validates a write schema and fills in defaults; errors name the path being written and the key. */
export function resolveWriteSchema(path: string, s: WellWriteSchema): ResolvedSchema {
  const bad = (key: string, expected: string, got?: string): never => {
    throw new WellFormatError(path, `schema.${key}`, expected, got);
  };
  if (!s.datasetName) bad('datasetName', 'a non-empty string');
  const nd = s.spatialDims?.length ?? 0;
  if (nd < 1) bad('spatialDims', 'at least one dim name');
  if (new Set(s.spatialDims).size !== nd) bad('spatialDims', 'distinct names', JSON.stringify(s.spatialDims));
  const resolution = s.spatialDims.map((d) => {
    const c = s.coordinates?.[d];
    if (!c || c.length < 1) bad(`coordinates.${d}`, `coordinates for spatial dim '${d}'`, 'missing');
    return c!.length;
  });
  const nSteps = s.time?.length ?? 0;
  if (nSteps < 1) bad('time', 'at least one time value');
  for (const [d, bc] of Object.entries(s.boundaryConditions ?? {})) {
    if (!s.spatialDims.includes(d)) bad(`boundaryConditions.${d}`, `a dim from spatialDims ${JSON.stringify(s.spatialDims)}`);
    const sides = typeof bc === 'string' ? [bc] : bc;
    if (!Array.isArray(sides) || sides.length < 1 || sides.length > 2 || sides.some((t) => !BOUNDARY_TYPES.includes(t))) {
      bad(`boundaryConditions.${d}`, 'WALL, OPEN, PERIODIC or a [lower, upper] pair of them', JSON.stringify(bc));
    }
  }
  const names = new Set<string>();
  const fields = (s.fields ?? []).map((f, i): ResolvedField => {
    if (!f.name || !NAME.test(f.name)) bad(`fields[${i}].name`, 'an identifier-like name', JSON.stringify(f.name));
    if (names.has(`field:${f.name}`)) bad(`fields[${i}].name`, 'unique field names', f.name);
    names.add(`field:${f.name}`);
    const order = f.order ?? 0;
    if (![0, 1, 2].includes(order)) bad(`fields.${f.name}.order`, '0, 1 or 2', String(order));
    const dimVarying = f.dimVarying ?? s.spatialDims.map(() => true);
    if (dimVarying.length !== nd) bad(`fields.${f.name}.dimVarying`, `${nd} booleans`, JSON.stringify(dimVarying));
    const timeVarying = f.timeVarying ?? true;
    const trajShape = [...(timeVarying ? [nSteps] : []), ...resolution.filter((_, d) => dimVarying[d]), ...Array<number>(order).fill(nd)];
    const axisNames = [...(timeVarying ? ['T'] : []), ...s.spatialDims.filter((_, d) => dimVarying[d]), ...Array<string>(order).fill('D')];
    return { name: f.name, order, timeVarying, dimVarying, trajShape, axisNames };
  });
  fields.sort((a, b) => a.order - b.order); // stable: keeps the given order within each tensor order
  const parameters = Object.entries(s.parameters ?? {});
  for (const [p, v] of parameters) {
    if (!NAME.test(p)) bad(`parameters.${p}`, 'an identifier-like name');
    if (typeof v !== 'number' || !Number.isFinite(v)) bad(`parameters.${p}`, 'a finite number', String(v));
    names.add(`scalar:${p}`);
  }
  const scalars = s.scalars ?? [];
  for (const sc of scalars) {
    if (!sc.name || !NAME.test(sc.name)) bad('scalars[].name', 'an identifier-like name', JSON.stringify(sc.name));
    if (names.has(`scalar:${sc.name}`)) bad(`scalars.${sc.name}`, 'a name not used by another scalar or parameter');
    names.add(`scalar:${sc.name}`);
    if (sc.values !== undefined) {
      const n = typeof sc.values === 'number' ? 1 : sc.values.length;
      if (n !== (sc.timeVarying ? nSteps : 1))
        bad(`scalars.${sc.name}.values`, sc.timeVarying ? `${nSteps} values (one per step)` : 'one number', `${n} values`);
    }
  }
  return { schema: s, resolution, nSteps, fields, parameters, scalars };
}
