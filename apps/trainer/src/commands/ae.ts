/**
 * `lola-train ae --config FILE [--out DIR] [--backend B] [--threads N] [--fresh] [dotted.key=value ...]`
 *
 * Trains the DCAE autoencoder on random single snapshots of a Well dataset (docs/method.md §2, §12),
 * validating each epoch, logging JSONL and showing a progress bar; an interrupted run (Ctrl-C or
 * kill -9) resumes from `<out>/last/` when the same command is run again. SIGINT/SIGTERM save
 * `last/` at the current step and exit 130/143 (./stop-signals.ts).
 */
import { describeRuntime, readArgs } from '@lola-ts/cli';
import { initRuntime } from '@lola-ts/nn-blocks';
import { loadAeStageConfig, trainAutoencoder } from '@lola-ts/experiment';
import { parseStageArgs, stageLine } from './stage-args.js';
import { stopTrainingOnSignals, trainingOutcome } from './stop-signals.js';

const LINE = stageLine('lola-train ae', { example: 'configs/ae-euler-c64.yaml', overrides: 'ae.latChannels=16 train.epochs=5' });

export async function run(argv: string[]): Promise<number> {
  const v = readArgs(LINE, () => parseStageArgs(argv));
  if (typeof v === 'number') return v;
  const cfg = loadAeStageConfig(v.config, v.overrides);
  const runtime = await initRuntime({ backend: v.backend, threads: v.threads });
  console.error(`[ae] ${describeRuntime(runtime)}`);

  const stop = stopTrainingOnSignals('[ae]');
  try {
    const { run, result, resolved } = await trainAutoencoder(cfg, v.config, { signal: stop.signal, fresh: v.fresh });
    const { line, code } = trainingOutcome(
      '[ae]',
      stop,
      result,
      run,
      resolved.info?.totalSteps ?? cfg.train.epochs * cfg.train.stepsPerEpoch,
    );
    console.error(line);
    return code;
  } finally {
    stop.dispose();
  }
}
