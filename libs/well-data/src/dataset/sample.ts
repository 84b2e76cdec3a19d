/** A float32 array with its row-major shape. */
export interface Tensor32 {
  data: Float32Array;
  shape: number[];
}

/** A float64 array with its row-major shape. */
export interface Tensor64 {
  data: Float64Array;
  shape: number[];
}

/**
 * One item of a `WellDataset`, the equivalent of The Well's sample dict (docs/well-format.md §5.3).
 * As there, entries that would be empty are left out.
 */
export interface WellSample {
  /** `[n_in, *res, C]` time-varying fields, channels in `WellDataset.channels` order. */
  inputFields: Tensor32;
  /** `[n_out, *res, C]`; absent when `nStepsOutput` is 0. */
  outputFields?: Tensor32;
  /** `[*res, C_const]` constant fields (`WellDataset.constantChannels`). */
  constantFields?: Tensor32;
  /** `[n_in, S]` time-varying scalars (`WellDataset.scalarNames`). */
  inputScalars?: Tensor64;
  /** `[n_out, S]`. */
  outputScalars?: Tensor64;
  /** `[S_const]` constant scalars (`WellDataset.constantScalarNames`), e.g. `[gamma]`. */
  constantScalars?: Float64Array;
  /** `[n_spatial_dims][2]` codes WALL=0, OPEN=1, PERIODIC=2 (after augmentation). */
  boundaryConditions?: number[][];
  /** `[*res, n_spatial_dims]` meshgrid (indexing "ij") of the coordinates. */
  spaceGrid?: Tensor64;
  /** `[n_in]` times (minus the window's first time when `normalizeTimeGrid`). */
  inputTimeGrid?: Float64Array;
  /** `[n_out]`. */
  outputTimeGrid?: Float64Array;
  /** Where the item came from. */
  source: { file: string; fileIndex: number; trajectory: number; start: number; stride: number };
}
