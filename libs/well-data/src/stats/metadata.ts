import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WellFile } from '../io/well-file.js';
import { emitYaml, yamlString, type YamlValue } from './yaml.js';

/** The Well's `WellMetadata` (docs/well-format.md §4.1), with its snake_case keys. */
export interface WellMetadata {
  dataset_name: string;
  n_spatial_dims: number;
  spatial_resolution: number[];
  scalar_names: string[];
  constant_scalar_names: string[];
  field_names: { 0: string[]; 1: string[]; 2: string[] };
  constant_field_names: { 0: string[]; 1: string[]; 2: string[] };
  boundary_condition_types: string[];
  n_files: number;
  n_trajectories_per_file: number[];
  n_steps_per_trajectory: number[];
  grid_type: string;
}

/**
 * `WellMetadata` of a split as The Well builds it (`_build_metadata`): names from the first file
 * (component-expanded), counts per file, BC types collected over all files (sorted here; The Well's
 * set order is arbitrary). `generate_metadata.py` runs it on the valid split.
 */
export function wellMetadata(files: readonly WellFile[]): WellMetadata {
  const s = files[0]!.schema;
  const byOrder = (tv: boolean) => {
    const out: { 0: string[]; 1: string[]; 2: string[] } = { 0: [], 1: [], 2: [] };
    for (const f of s.fields) if (f.timeVarying === tv) out[f.order].push(...f.channels);
    return out;
  };
  const bcs = new Set<string>();
  for (const f of files) for (const g of f.schema.boundaryGroups) bcs.add(g.bcType);
  return {
    dataset_name: s.datasetName,
    n_spatial_dims: s.nSpatialDims,
    spatial_resolution: [...s.resolution],
    scalar_names: s.scalars.filter((x) => x.timeVarying).map((x) => x.name),
    constant_scalar_names: s.scalars.filter((x) => !x.timeVarying).map((x) => x.name),
    field_names: byOrder(true),
    constant_field_names: byOrder(false),
    boundary_condition_types: [...bcs].sort(),
    n_files: files.length,
    n_trajectories_per_file: files.map((f) => f.schema.nTrajectories),
    n_steps_per_trajectory: files.map((f) => f.schema.nSteps),
    grid_type: s.gridType,
  };
}

/** `<name>.yaml` text as OmegaConf's `to_yaml` prints a `WellMetadata` (field order kept). */
export function formatMetadataYaml(m: WellMetadata): string {
  const strs = (a: string[]): YamlValue => a.map(yamlString);
  const nums = (a: number[]): YamlValue => a.map(String);
  const orders = (o: WellMetadata['field_names']): YamlValue =>
    new Map<number, YamlValue>([0, 1, 2].map((k) => [k, strs(o[k as 0 | 1 | 2])]));
  const doc: Record<string, YamlValue> = {
    dataset_name: yamlString(m.dataset_name),
    n_spatial_dims: String(m.n_spatial_dims),
    spatial_resolution: nums(m.spatial_resolution),
    scalar_names: strs(m.scalar_names),
    constant_scalar_names: strs(m.constant_scalar_names),
    field_names: orders(m.field_names),
    constant_field_names: orders(m.constant_field_names),
    boundary_condition_types: strs(m.boundary_condition_types),
    n_files: String(m.n_files),
    n_trajectories_per_file: nums(m.n_trajectories_per_file),
    n_steps_per_trajectory: nums(m.n_steps_per_trajectory),
    grid_type: yamlString(m.grid_type),
  };
  return emitYaml(doc, false);
}

/** Writes `<dir>/<dataset_name>.yaml` atomically. */
export function writeMetadataYaml(dir: string, m: WellMetadata): string {
  const path = join(dir, `${m.dataset_name}.yaml`);
  writeFileSync(path + '.partial', formatMetadataYaml(m));
  renameSync(path + '.partial', path);
  return path;
}
