import type { FieldSchema, ScalarSchema, TensorOrder, WellFileSchema } from './types.js';

/**
 * Component suffixes of a tensor of the given order: the row-major product of the spatial dim
 * names (`['x','y']`, order 2 -> `xx, xy, yx, yy`), as The Well's `itertools.product`
 * (docs/well-format.md §5.4).
 */
export function componentSuffixes(spatialDims: readonly string[], order: TensorOrder): string[] {
  let out = [''];
  for (let k = 0; k < order; k++) out = out.flatMap((p) => spatialDims.map((d) => p + d));
  return out;
}

/** Channel names of one field: `name` for order 0, `name_<dims>` otherwise. */
export function fieldChannelNames(name: string, order: TensorOrder, spatialDims: readonly string[]): string[] {
  return componentSuffixes(spatialDims, order).map((s) => (s ? `${name}_${s}` : name));
}

/** Time-varying fields, in channel order (t0, t1, t2; `field_names` order within a group). */
export function variableFields(schema: Pick<WellFileSchema, 'fields'>): FieldSchema[] {
  return schema.fields.filter((f) => f.timeVarying);
}

/** Constant (not time-varying) fields, in channel order. */
export function constantFields(schema: Pick<WellFileSchema, 'fields'>): FieldSchema[] {
  return schema.fields.filter((f) => !f.timeVarying);
}

/** Flattened channel names of the time-varying fields: the `C` axis of `input_fields`. */
export function variableChannelNames(schema: Pick<WellFileSchema, 'fields'>): string[] {
  return variableFields(schema).flatMap((f) => f.channels);
}

/** Flattened channel names of the constant fields: the axis of `constant_fields`. */
export function constantChannelNames(schema: Pick<WellFileSchema, 'fields'>): string[] {
  return constantFields(schema).flatMap((f) => f.channels);
}

/** Names of the time-varying scalars (`input_scalars` order). */
export function variableScalarNames(schema: Pick<WellFileSchema, 'scalars'>): string[] {
  return schema.scalars.filter((s: ScalarSchema) => s.timeVarying).map((s) => s.name);
}

/** Names of the constant scalars (`constant_scalars` order). */
export function constantScalarNames(schema: Pick<WellFileSchema, 'scalars'>): string[] {
  return schema.scalars.filter((s: ScalarSchema) => !s.timeVarying).map((s) => s.name);
}

/** Number of tensor components of a field, `n_spatial_dims ** order`. */
export function componentCount(order: TensorOrder, nSpatialDims: number): number {
  return nSpatialDims ** order;
}
