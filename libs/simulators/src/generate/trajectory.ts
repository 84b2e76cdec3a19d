/**
 * One trajectory of a dataset, computed the same way in the main thread and in a worker: its
 * random stream depends only on (seed, dataset, file label, trajectory index), so the data do not
 * depend on the number of workers or on scheduling.
 */
import { Rng } from '@lola-ts/numerics';
import { SimulationDivergedError, type SimulatorSystem, type Trajectory } from '../system.js';

/** Initial conditions drawn before giving up on a trajectory whose runs all diverge. */
export const MAX_ATTEMPTS = 5;

/** What one job computes: trajectory `index` (0-based, over all splits) of parameter set `setIndex`. */
export interface TrajectoryJob {
  setIndex: number;
  index: number;
}

export interface TrajectoryResult {
  trajectory: Trajectory;
  /** Initial conditions drawn (1 unless earlier draws diverged). */
  attempts: number;
}

/** The seed string of one trajectory's random stream. */
export function trajectorySeed(seed: number, system: SimulatorSystem, job: TrajectoryJob): string {
  const set = system.parameterSets[job.setIndex];
  if (!set) throw new RangeError(`trajectory job: parameter set ${job.setIndex} does not exist (${system.parameterSets.length} sets)`);
  return `${seed}/${system.datasetName}/${set.label}/${job.index}`;
}

/**
 * Draws an initial condition from the trajectory's stream and simulates it; if the run diverges
 * ({@link SimulationDivergedError}), draws again from the same stream, up to {@link MAX_ATTEMPTS}.
 */
export function computeTrajectory(
  system: SimulatorSystem,
  seed: number,
  job: TrajectoryJob,
  onFrame?: (k: number, total: number) => void,
): TrajectoryResult {
  const set = system.parameterSets[job.setIndex]!;
  const rng = new Rng(trajectorySeed(seed, system, job));
  let lastError: unknown;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const ic = system.sampleInitialCondition(set, rng);
    try {
      return { trajectory: system.simulate(set, ic, { onFrame }), attempts: attempt };
    } catch (err) {
      if (!(err instanceof SimulationDivergedError)) throw err;
      lastError = err;
    }
  }
  throw new Error(
    `${system.datasetName} ${set.label} trajectory ${job.index}: all ${MAX_ATTEMPTS} initial conditions diverged; last: ${(lastError as Error).message}`,
  );
}
