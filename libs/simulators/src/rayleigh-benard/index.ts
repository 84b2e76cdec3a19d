export { RayleighBenardSolver, type RayleighBenardOptions } from './solver.js';
export {
  horizontalMean,
  kineticEnergy,
  maxAbs,
  nusselt,
  physicalFields,
  trapezoid,
  velocitySpectra,
  type NusseltNumbers,
  type RbPhysicalFields,
} from './diagnostics.js';
export { rbPressure } from './pressure.js';
export { RB_DT_VALUES, RB_NOISE_SCALE, sampleRbInitialCondition, type RbInitialCondition } from './initial-conditions.js';
export { interpolateToWell, rbOutputHeights, zInterpolator, type RbOutputGrid, type ZInterpolator } from './output.js';
export {
  RB_DATASET,
  RB_WELL_PRANDTL,
  RB_WELL_RAYLEIGH,
  createRayleighBenardSystem,
  rayleighBenardFromOptions,
  rbNumberLabel,
  type RayleighBenardSystemOptions,
} from './system.js';
