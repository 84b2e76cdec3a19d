/**
 * Building blocks of a {@link SimulatorSystem} descriptor in The Well's conventions
 * (`docs/well-format.md` §2.4 and §2.6).
 */
import type { BoundarySpec, FieldSpec, SimulatorSystem, WellBcType } from './system.js';

/** The boundary-condition group of one axis: `<dim>_<kind>`, kind defaulting to the lower-cased type (`x_periodic`). */
export function wellBoundary(dim: string, type: WellBcType, kind: string = type.toLowerCase()): BoundarySpec {
  return { group: `${dim}_${kind}`, type, dim };
}

/** Stored fields in Well channel order: the scalar (t0) fields, then the vector (t1) fields. */
export function wellFields(t0: readonly string[], t1: readonly string[] = []): SimulatorSystem['fields'] {
  return [...t0.map((name): FieldSpec => ({ name, order: 0 })), ...t1.map((name): FieldSpec => ({ name, order: 1 }))];
}

/** A 2-D grid with axes `x`, `y` (storage order): axis names, cells per axis and coordinates, consistent by construction. */
export function wellGrid2d(x: Float64Array, y: Float64Array): Pick<SimulatorSystem, 'spatialDims' | 'shape' | 'coordinates'> {
  return { spatialDims: ['x', 'y'], shape: [x.length, y.length], coordinates: [x, y] };
}
