export { solveLinear, adamsBashforthWeights, abStepCoefficients } from './coefficients.js';
export { timeGrid, sigmaGrid, initialNoise, type NoiseRandom } from './grid.js';
export {
  sampleAdamsBashforth,
  sampleEuler,
  sampleHeun,
  getSampler,
  samplerEvaluations,
  type Sampler,
  type SamplerCallback,
  type SamplerName,
} from './samplers.js';
