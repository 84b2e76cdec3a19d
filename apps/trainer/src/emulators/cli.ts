/**
 * Shared command line of `lola-train dm` and `lola-train ns`:
 *   --config FILE [--out DIR] [--backend B] [--threads N] [--fresh] [--pixel (ns)] [dotted.key=value ...]
 */
import { describeRuntime, readArgs } from '@lola-ts/cli';
import { initRuntime } from '@lola-ts/nn-blocks';
import { loadEmulatorStageConfig, trainEmulator, type EmulatorKind } from '@lola-ts/experiment';
import { parseStageArgs, stageLine } from '../commands/stage-args.js';
import { stopTrainingOnSignals, trainingOutcome } from '../commands/stop-signals.js';

export async function runEmulatorCommand(kind: EmulatorKind, argv: string[]): Promise<number> {
  const commandLine = stageLine(`lola-train ${kind}`, {
    example: `configs/${kind}-euler-c16.yaml`,
    overrides: 'model.hidBlocks=4 train.epochs=5 data.path=runs/latents/euler-c16',
    pixel: kind === 'ns',
  });
  const v = readArgs(commandLine, () => parseStageArgs(argv, kind === 'ns'));
  if (typeof v === 'number') return v;
  const overrides = [...(v.pixel ? ['data.source=well'] : []), ...v.overrides];
  const configPath = v.config;
  const cfg = loadEmulatorStageConfig(configPath, overrides);
  const runtime = await initRuntime({ backend: v.backend, threads: v.threads });
  console.error(`[${kind}] ${describeRuntime(runtime)}`);

  const stop = stopTrainingOnSignals(`[${kind}]`);
  try {
    const { run, result } = await trainEmulator(kind, cfg, configPath, { signal: stop.signal, fresh: v.fresh });
    const { line, code } = trainingOutcome(`[${kind}]`, stop, result, run, cfg.train.epochs * cfg.train.stepsPerEpoch);
    console.error(line);
    return code;
  } finally {
    stop.dispose();
  }
}
