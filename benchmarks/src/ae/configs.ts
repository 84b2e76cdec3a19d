/**
 * Reads an AE stage config (`configs/ae-*.yaml`, the YAML that `lola-train ae` takes) for
 * benchmarking: the architecture and the shapes of a training step and an epoch. Programs do not
 * import each other, so only the keys the benchmark needs are read here (the trainer validates the
 * whole file).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { resolveDcaeConfig, validateLossWeights, type DcaeConfig, type LossWeights } from '@lola-ts/autoencoders';
import { parseYaml } from '@lola-ts/nn-blocks';

export interface AeBenchCase {
  /** Config file stem, e.g. `ae-euler-c64`. */
  name: string;
  source: string;
  dcae: DcaeConfig;
  /** Spatial resolution of one state. */
  resolution: number[];
  batchSize: number;
  stepsPerEpoch: number;
  epochs: number;
  validSamples: number;
  validBatchSize: number;
  loss: LossWeights;
  lr: number;
}

function num(obj: Record<string, unknown> | undefined, key: string, fallback: number, where: string): number {
  const v = obj?.[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${where}.${key}: expected a number, got ${JSON.stringify(v)}`);
  return v;
}

/**
 * Loads the benchmark case of a stage config. `channels` and `resolution` come from the config's
 * resolved `data` keys when present (a run's config.yaml), else from the arguments (the data the
 * configs target: 5 Euler fields at 64²).
 */
export function loadBenchCase(path: string, fallback: { channels: number; resolution: number }): AeBenchCase {
  if (!existsSync(path)) throw new Error(`config file not found: ${path}`);
  const raw = parseYaml(readFileSync(path, 'utf8'), path) as Record<string, Record<string, unknown>> | null;
  if (!raw || typeof raw !== 'object') throw new Error(`${path}: expected a mapping`);
  const data = raw.data ?? {};
  const train = raw.train ?? {};
  const channels = Array.isArray(data.channels) ? data.channels.length : fallback.channels;
  const resolution = Array.isArray(data.resolution) ? (data.resolution as number[]) : [fallback.resolution, fallback.resolution];
  const ae = { ...(raw.ae ?? {}) } as Record<string, unknown>;
  ae.pixChannels = channels;
  const dcae = resolveDcaeConfig(ae, `${path}: ae`);
  if (dcae.spatial !== resolution.length)
    throw new Error(`${path}: ae.spatial is ${dcae.spatial} but the resolution has ${resolution.length} axes`);
  return {
    name: basename(path).replace(/\.ya?ml$/, ''),
    source: path,
    dcae,
    resolution,
    batchSize: num(train, 'batchSize', 16, `${path}: train`),
    stepsPerEpoch: num(train, 'stepsPerEpoch', 1, `${path}: train`),
    epochs: num(train, 'epochs', 1, `${path}: train`),
    validSamples: num(data, 'validSamples', 128, `${path}: data`),
    validBatchSize: num(train, 'validBatchSize', 32, `${path}: train`),
    loss: validateLossWeights(train.loss ?? { l1: 1 }, `${path}: train.loss`),
    lr: num(train, 'lr', 3e-4, `${path}: train`),
  };
}
