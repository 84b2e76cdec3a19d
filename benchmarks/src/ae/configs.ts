/**
 * Reads an AE stage config (`configs/ae-*.yaml`, the YAML that `lola-train ae` takes, or a run's
 * resolved `config.yaml`) for benchmarking: the architecture and the shapes of a training step and
 * an epoch. The file is read and validated by @lola-ts/experiment's `readAeStageFile`, as the
 * trainer reads it.
 */
import { basename } from 'node:path';
import { resolveDcaeConfig, type DcaeConfig, type LossWeights } from '@lola-ts/autoencoders';
import { lossWeightsOf, readAeStageFile } from '@lola-ts/experiment';

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

/**
 * Loads the benchmark case of a stage config. `channels` and `resolution` come from the config's
 * resolved `data` keys when present (a run's config.yaml), else from the arguments (the data the
 * configs target: 5 Euler fields at 64²).
 */
export function loadBenchCase(path: string, fallback: { channels: number; resolution: number }): AeBenchCase {
  const cfg = readAeStageFile(path);
  const { data, train } = cfg;
  const channels = data.channels ? data.channels.length : fallback.channels;
  const resolution = data.resolution ?? [fallback.resolution, fallback.resolution];
  const dcae = resolveDcaeConfig({ ...cfg.ae, pixChannels: channels }, `${path}: ae`);
  if (dcae.spatial !== resolution.length)
    throw new Error(`${path}: ae.spatial is ${dcae.spatial} but the resolution has ${resolution.length} axes`);
  return {
    name: basename(path).replace(/\.ya?ml$/, ''),
    source: path,
    dcae,
    resolution,
    batchSize: train.batchSize,
    stepsPerEpoch: train.stepsPerEpoch,
    epochs: train.epochs,
    validSamples: data.validSamples,
    validBatchSize: train.validBatchSize,
    loss: lossWeightsOf(cfg),
    lr: train.lr,
  };
}
