export {
  namedParams,
  paramNames,
  countParams,
  trainableVariables,
  disposeParams,
  snapshotParams,
  assignParams,
  unflattenParams,
  type ParamTree,
  type NamedTensors,
} from './tree.js';
export { torchDefaultBound, uniformVariable, normalVariable, constantVariable, scaleVariable } from './init.js';
/** @deprecated import from @lola-ts/numerics */
export type { RandomSource } from '@lola-ts/numerics';
export { toTorchLayout, fromTorchLayout, weightKindOf, type WeightKind } from './layout.js';
export { valueAndGrads, disposeNamed } from './grads.js';
