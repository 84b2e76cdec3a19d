// Public entry of @lola-ts/simulators (see README.md).
export * from './system.js';
/** @deprecated import from @lola-ts/numerics */
export type { RandomSource } from '@lola-ts/numerics';
export * from './gray-scott/index.js';
export { availableSystems, createSystem } from './registry.js';

// Euler multi-quadrants (docs/simulators.md §2).
export { EulerSolver, type EulerBoundary, type EulerSolverOptions } from './euler/solver.js';
export { solveRiemann, type RiemannState, type RiemannSolution } from './euler/exact-riemann.js';
export { LAX_LIU_CONFIGS, laxLiuConfig, type LaxLiuConfig, type PrimitiveState } from './euler/lax-liu.js';
export {
  applyInitialCondition,
  laxLiuInitialCondition,
  sampleMultiQuadrant,
  stateAt,
  type MultiQuadrantIC,
  type MultiQuadrantSamplerOptions,
} from './euler/initial-conditions.js';
export { createEulerSystem, eulerFromOptions, EULER_GAMMAS, EULER_OUTPUT_INTERVAL, type EulerSystemOptions } from './euler/system.js';

// Dataset generation (lola-train data).
export {
  generateDataset,
  splitCounts,
  wellSchema,
  SPLITS,
  type GenerateOptions,
  type GenerateProgress,
  type GenerateSummary,
  type SplitName,
} from './generate/generate.js';
export { computeTrajectory, trajectorySeed, MAX_ATTEMPTS, type TrajectoryJob, type TrajectoryResult } from './generate/trajectory.js';
export { createRunner, type RunnerOptions, type TrajectoryRunner } from './generate/pool.js';
export * from './rayleigh-benard/index.js';
