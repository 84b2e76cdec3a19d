/**
 * The interface every reference simulator implements, so that one data-generation driver
 * (`lola-train data --system ...`) can run any of them and write The Well's layout
 * (`docs/simulators.md` §0, `docs/well-format.md` §2 and §7.1).
 *
 * A system is built by a {@link SystemFactory} from the command-line options (resolution, number
 * of frames, boundary condition, parameter overrides). The resulting {@link SimulatorSystem}
 * describes everything the writer needs (dataset name, grid, boundary conditions, fields in Well
 * order, output times, parameter sets = one file each) and simulates one trajectory at a time.
 *
 * Conventions (as in The Well):
 * - arrays are channels-last, C order, spatial axes in `spatialDims` order: a t0 field of one
 *   trajectory is `[T, N_0, N_1]`, a t1 field `[T, N_0, N_1, D]` with components in
 *   `spatialDims` order (so index `[t][i_x][i_y]` for `spatialDims = ['x', 'y']`);
 * - simulation runs in float64; frames are cast to float32 only when stored in a {@link Trajectory}.
 */
import type { RandomSource } from '@lola-ts/numerics';

/** The systems lola-ts ships (`docs/simulators.md` §2–§4). */
export type SystemId = 'euler' | 'gray-scott' | 'rayleigh-benard';

/** The Well's boundary-condition types (`docs/well-format.md` §2.4). */
export type WellBcType = 'WALL' | 'OPEN' | 'PERIODIC';

/** One stored field, in The Well's sense (`docs/well-format.md` §2.6). */
export interface FieldSpec {
  /** Core field name, e.g. `density` or `momentum` (components get `_x`, `_y` suffixes in channels). */
  readonly name: string;
  /** Tensor order: 0 = scalar field (`t0_fields`), 1 = vector field (`t1_fields`, D trailing components). */
  readonly order: 0 | 1;
}

/** One `boundary_conditions` subgroup (`docs/well-format.md` §2.4 and §7.1 item 3). */
export interface BoundarySpec {
  /** Group name `<dim>_<type>`, e.g. `x_periodic`, `y_open`, `y_wall_dirichlet`. */
  readonly group: string;
  readonly type: WellBcType;
  /** The spatial dimension it applies to (a name from `spatialDims`). */
  readonly dim: string;
}

/** One parameter set = one output file (`docs/well-format.md` §1, file naming). */
export interface ParameterSet {
  /**
   * File-name suffix after `<dataset_name>_`, in The Well's style, e.g.
   * `gamma_1.4_Dry_air_20` or `F_0.014_k_0.054` (the file is `<dataset_name>_<label>.hdf5`).
   */
  readonly label: string;
  /**
   * Simulation parameters, stored as root attributes, as 0-d constant scalars in `/scalars` and
   * listed in `simulation_parameters` (`docs/well-format.md` §2.2 and §2.5), e.g. `{ gamma: 1.4 }`.
   */
  readonly values: Readonly<Record<string, number>>;
}

/** One simulated trajectory: one float32 array per field, in {@link SimulatorSystem.fields} order. */
export interface Trajectory {
  /** `[T, *shape]` for t0 fields, `[T, *shape, D]` for t1 fields, channels-last, C order. */
  readonly fields: Float32Array[];
  /** Solver time steps taken (for benchmarks: cell updates = cells × steps). */
  readonly steps?: number;
}

/** Progress hook: called after each stored frame (frame index k, of `total`). */
export interface SimulateOptions {
  onFrame?: (k: number, total: number) => void;
}

/** A configured simulator: describes the dataset and runs one trajectory at a time. */
export interface SimulatorSystem<IC = unknown> {
  readonly id: SystemId;
  /** The Well dataset name (root attribute `dataset_name`), e.g. `euler_multi_quadrants_openBC`. */
  readonly datasetName: string;
  /** Axis names in storage order, e.g. `['x', 'y']`. */
  readonly spatialDims: readonly string[];
  /** Cells per spatial axis, in `spatialDims` order. */
  readonly shape: readonly number[];
  /** Cell-centre (or node) coordinates per spatial axis (float64; cast when written). */
  readonly coordinates: readonly Float64Array[];
  readonly boundaryConditions: readonly BoundarySpec[];
  /** Stored fields in Well channel order (t0 fields first, then t1). */
  readonly fields: readonly FieldSpec[];
  /** Output times, one per stored frame (`dimensions/time`), `times[0]` = initial state. */
  readonly times: Float64Array;
  /** Names of the simulation parameters (root attribute `simulation_parameters`). */
  readonly parameterNames: readonly string[];
  /** Parameter sets to generate, one output file each. */
  readonly parameterSets: readonly ParameterSet[];
  /** Draws an initial condition for one trajectory (all randomness comes from `rng`). */
  sampleInitialCondition(set: ParameterSet, rng: RandomSource): IC;
  /** Simulates one trajectory from `ic` and returns its frames (float64 inside, float32 out). */
  simulate(set: ParameterSet, ic: IC, options?: SimulateOptions): Trajectory;
}

/** Options the CLI passes to a factory; each system documents its defaults. */
export interface SystemOptions {
  /** Cells along the first axis (others follow the system's aspect ratio). */
  resolution?: number;
  /** Stored frames per trajectory, including the initial state. */
  frames?: number;
  /** Boundary-condition variant, for systems that have several (Euler: `open` | `periodic`). */
  bc?: string;
  /**
   * Parameter overrides `k=v` from `--param`, parsed by the system (e.g. `gamma=1.4`,
   * `pattern=spots`, `Rayleigh=1e6`); an unknown key must throw naming the key and the allowed ones.
   */
  params?: Readonly<Record<string, string>>;
}

/** Builds a configured system; throws a clear error on invalid options. */
export type SystemFactory = (options: SystemOptions) => SimulatorSystem;

/** Number of float32 values one frame of `field` holds on a grid of `shape`. */
export function frameSize(field: FieldSpec, shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return field.order === 1 ? n * shape.length : n;
}

/** Well channel names with components expanded (`momentum` -> `momentum_x`, `momentum_y`). */
export function channelNames(fields: readonly FieldSpec[], spatialDims: readonly string[]): string[] {
  const out: string[] = [];
  for (const f of fields) {
    if (f.order === 0) out.push(f.name);
    else for (const d of spatialDims) out.push(`${f.name}_${d}`);
  }
  return out;
}

/**
 * Thrown by a simulator when a trajectory reaches a non-physical or non-finite state. The dataset
 * generator then redraws the initial condition from the same trajectory stream (deterministic).
 */
export class SimulationDivergedError extends RangeError {
  override readonly name = 'SimulationDivergedError';
}
