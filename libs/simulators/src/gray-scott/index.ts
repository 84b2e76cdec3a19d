export {
  GRAY_SCOTT_DELTA_A,
  GRAY_SCOTT_DELTA_B,
  GRAY_SCOTT_PATTERNS,
  GRAY_SCOTT_PATTERN_NAMES,
  grayScottFixedPoints,
  grayScottPattern,
  grayScottReaction,
  saddleNodeBound,
  type GrayScottPattern,
  type GrayScottState,
} from './params.js';
export { etdrk4Coefficients, etdrk4Scalar, type Etdrk4Coefficients } from './etdrk4.js';
export { GrayScottSolver, grayScottDealiasMask, type GrayScottSolverOptions } from './solver.js';
export {
  FOURIER_IC_POINTS,
  fourierIcBase,
  normaliseField,
  randomGaussians,
  sampleGrayScottIc,
  trigInterpolate,
  type GrayScottFields,
  type GrayScottIcType,
} from './initial-conditions.js';
export {
  GRAY_SCOTT_DATASET,
  createGrayScottSystem,
  grayScottFromOptions,
  type GrayScottInitialCondition,
  type GrayScottSystemOptions,
} from './system.js';
