/**
 * Writes predicted trajectories in The Well's format with the truth file's layout (dataset name,
 * grid, coordinates, BCs, parameters, fields and their tensor orders), the frames' simulator times,
 * and one trajectory per ensemble member. Channels-last frames are split back into Well fields.
 */
import { type BoundarySpec, createWellFile, variableFields, type WellFile, type WellFileWriter } from '@lola-ts/well-data';

const BC_NAMES = ['WALL', 'OPEN', 'PERIODIC'] as const;

export async function createPredictionFile(path: string, truth: WellFile, time: ArrayLike<number>): Promise<WellFileWriter> {
  const s = truth.schema;
  const coords = truth.readCoordinates();
  const boundaryConditions: Record<string, BoundarySpec> = {};
  s.spatialDims.forEach((d, i) => {
    const [lo, hi] = s.boundaryCodes[i]! as [number, number];
    boundaryConditions[d] = [BC_NAMES[lo]!, BC_NAMES[hi]!];
  });
  return createWellFile(path, {
    datasetName: s.datasetName,
    gridType: s.gridType,
    spatialDims: s.spatialDims,
    coordinates: Object.fromEntries(s.spatialDims.map((d, i) => [d, coords[i]!])),
    time,
    boundaryConditions,
    parameters: s.parameterValues,
    fields: variableFields(s).map((f) => ({ name: f.name, order: f.order })),
  });
}

/** Splits channels-last frames [T, ...space, C] into the Well fields of `truth` ([T, ...space, D^order] each). */
export function splitChannels(truth: WellFile, frames: Float32Array, nFrames: number): Record<string, Float32Array> {
  const fields = variableFields(truth.schema);
  const C = fields.reduce((n, f) => n + f.channels.length, 0);
  const points = frames.length / (nFrames * C);
  if (!Number.isInteger(points))
    throw new Error(`prediction of ${frames.length} values does not split into ${nFrames} frames × ${C} channels`);
  const out: Record<string, Float32Array> = {};
  let c0 = 0;
  for (const f of fields) {
    const k = f.channels.length;
    const data = new Float32Array(nFrames * points * k);
    for (let p = 0; p < nFrames * points; p++) for (let j = 0; j < k; j++) data[p * k + j] = frames[p * C + c0 + j]!;
    out[f.name] = data;
    c0 += k;
  }
  return out;
}
