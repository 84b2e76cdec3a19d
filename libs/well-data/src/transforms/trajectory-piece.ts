/**
 * A trajectory piece (./augment.ts) built from a Well file's schema and the arrays read from it
 * (docs/well-format.md): the grid, the channel layouts of the time-varying and constant fields and
 * the boundary codes come from the schema.
 */
import type { WellFileSchema } from '../schema/types.js';
import type { ChannelLayout, TrajectoryPiece } from './augment.js';

/** The channel layouts (tensor order, channel count) of the schema's time-varying or constant fields. */
export function fieldLayouts(schema: WellFileSchema, timeVarying: boolean): ChannelLayout[] {
  return schema.fields.filter((f) => f.timeVarying === timeVarying).map((f) => ({ order: f.order, channels: f.channels.length }));
}

/**
 * The piece of `nTime` states `variableFields` of a trajectory of `schema`; `constantFields` with the
 * schema's constant layout when given (else none), `spaceGrid` when given (else null).
 */
export function trajectoryPiece(
  schema: WellFileSchema,
  parts: {
    variableFields: Float32Array;
    nTime: number;
    constantFields?: Float32Array;
    spaceGrid?: Float64Array | null;
    constantScalars: Record<string, number>;
  },
): TrajectoryPiece {
  return {
    gridType: schema.gridType,
    resolution: [...schema.resolution],
    variableFields: parts.variableFields,
    nTime: parts.nTime,
    variableLayout: fieldLayouts(schema, true),
    constantFields: parts.constantFields ?? new Float32Array(0),
    constantLayout: parts.constantFields ? fieldLayouts(schema, false) : [],
    boundaryConditions: schema.boundaryCodes.map((r) => [...r]),
    spaceGrid: parts.spaceGrid ?? null,
    constantScalars: parts.constantScalars,
  };
}
