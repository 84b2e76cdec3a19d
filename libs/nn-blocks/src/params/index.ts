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
export { torchDefaultBound, uniformVariable, normalVariable, constantVariable, scaleVariable, type RandomSource } from './init.js';
export { toTorchLayout, fromTorchLayout, weightKindOf, type WeightKind } from './layout.js';
export { valueAndGrads, disposeNamed } from './grads.js';
