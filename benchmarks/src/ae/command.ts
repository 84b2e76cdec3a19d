/**
 * `lola-bench ae`: speed of the AE stage for each config (time per training step and per epoch,
 * tinybench, few iterations), optionally next to the same architecture in PyTorch (`--vs-torch`),
 * and, with `--runs`, the reconstruction VRMSE of trained runs on a split plus the step and epoch
 * times measured in their logs. JSON records (docs/architecture.md §5) on stdout or appended to `--out`.
 */
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BACKEND_OPTIONS, emitRecords, flags, integer, readArgs, readBackend } from '@lola-ts/cli';
import { disposeParams, initRuntime, BACKEND_CHOICES } from '@lola-ts/nn-blocks';
import { loadAutoencoderRun } from '@lola-ts/experiment';
import type { WellSplit } from '@lola-ts/well-data';
import {
  appendRecords,
  captureEnvironment,
  captureIdentity,
  makeRecord,
  timeMeasure,
  type BenchRecord,
  type Measure,
  type RecordInput,
} from '../records/index.js';
import { aeAccuracy, loggedTimes } from './accuracy.js';
import { loadBenchCase, type AeBenchCase } from './configs.js';
import { benchAeSpeed } from './speed.js';
import { meanMoe, runTorchAe } from './torch.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const DEFAULT_CONFIGS = ['configs/ae-euler-c64.yaml', 'configs/ae-euler-c16.yaml', 'configs/ae-euler-c4.yaml'];

const USAGE = `usage: lola-bench ae [--configs A.yaml,B.yaml] [--iterations 5] [--channels 5] [--resolution 64] [--vs-torch]
                    [--runs RUN,RUN --data DIR [--split test] [--max-trajectories N]] [--skip-speed]
                    [--backend ${BACKEND_CHOICES.join('|')}] [--threads N] [--out FILE]

  --configs       AE stage configs to time (default: ${DEFAULT_CONFIGS.join(', ')})
  --channels/--resolution   state shape when a config does not record it (default 5 × 64²: Euler)
  --vs-torch      also time benchmarks/reference/ae.py (Debian python3-torch + libopenblas0-pthread)
  --runs          trained AE run directories: reconstruction VRMSE on --data's --split (physical units)
                  and the step/epoch times in their logs`;

function configPath(p: string): string {
  if (existsSync(p)) return p;
  const fromRepo = resolve(REPO, p);
  return existsSync(fromRepo) ? fromRepo : p;
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

/** Parses the command line (throws with a clear message on bad input; null for --help). */
function parseAeArgs(argv: string[]) {
  const { values } = flags(argv, {
    configs: { type: 'string' },
    iterations: { type: 'string', default: '5' },
    channels: { type: 'string', default: '5' },
    resolution: { type: 'string', default: '64' },
    'vs-torch': { type: 'boolean', default: false },
    'torch-iterations': { type: 'string' },
    runs: { type: 'string' },
    data: { type: 'string' },
    split: { type: 'string', default: 'test' },
    'max-trajectories': { type: 'string' },
    'skip-speed': { type: 'boolean', default: false },
    ...BACKEND_OPTIONS,
    out: { type: 'string' },
  });
  if (values.help) return null;
  const iterations = integer('--iterations', values.iterations, { min: 1 });
  const parsed = {
    ...values,
    iterations,
    torchIterations: integer('--torch-iterations', values['torch-iterations'], { min: 1 }) ?? iterations,
    channels: integer('--channels', values.channels, { min: 1 }),
    resolution: integer('--resolution', values.resolution, { min: 2 }),
    maxTraj: integer('--max-trajectories', values['max-trajectories'], { min: 1 }),
    ...readBackend(values, BACKEND_CHOICES),
  };
  if (!['train', 'valid', 'test'].includes(values.split)) throw new Error(`--split must be train, valid or test`);
  if (values.runs && !values.data) throw new Error('--runs needs --data (the dataset root to reconstruct)');
  return parsed;
}

export async function run(argv: string[]): Promise<number> {
  const values = readArgs({ name: 'lola-bench ae', usage: USAGE }, () => parseAeArgs(argv));
  if (typeof values === 'number') return values;
  const { iterations, channels, resolution, torchIterations, threads, maxTraj } = values;
  const runtime = await initRuntime({ backend: values.backend, threads });
  const identity = captureIdentity([
    '@lola-ts/autoencoders',
    '@lola-ts/nn-blocks',
    '@tensorflow/tfjs-core',
    '@tensorflow/tfjs-backend-wasm',
  ]);
  const environment = captureEnvironment({ backend: runtime.backend, threads: runtime.threads, simd: runtime.simd });
  const inputs: RecordInput[] = [];
  const log = (l: string) => console.error(l);

  if (!values['skip-speed']) {
    const paths = (values.configs ? values.configs.split(',') : DEFAULT_CONFIGS).map((p) => configPath(p.trim()));
    const cases: AeBenchCase[] = paths.map((p) => loadBenchCase(p, { channels, resolution }));
    log(`[ae] backend ${runtime.backend}, ${runtime.threads} thread(s); ${iterations} iterations per measure`);
    for (const c of cases) {
      const s = await benchAeSpeed(c, iterations);
      const measures: Record<string, Measure> = {
        stepTime: timeMeasure(s.step.meanMs, s.step.moeMs),
        epochTime: timeMeasure(s.epochMs, s.epochMoeMs),
        validBatchTime: timeMeasure(s.validBatch.meanMs, s.validBatch.moeMs),
      };
      let line = `[ae] ${c.name.padEnd(16)} rate ${String(s.compressionRate).padStart(5)}  ${s.parameters} params  step ${fmt(s.step.meanMs)}  epoch (${c.stepsPerEpoch} steps + validation) ${fmt(s.epochMs)}`;
      const axes: Record<string, unknown> = {
        method: 'ae',
        resolution: c.resolution,
        compressionRate: s.compressionRate,
        config: c.name,
        batchSize: c.batchSize,
        stepsPerEpoch: c.stepsPerEpoch,
        hidChannels: c.dcae.hidChannels,
        latChannels: c.dcae.latChannels,
        parameters: s.parameters,
        iterations,
      };
      if (values['vs-torch']) {
        const t = await runTorchAe(c, torchIterations, runtime.threads);
        if (t.parameters !== s.parameters) log(`[ae] warning: PyTorch model has ${t.parameters} parameters, ours ${s.parameters}`);
        const step = meanMoe(t.stepMs);
        const fwd = meanMoe(t.forwardMs);
        const epoch = c.stepsPerEpoch * step.mean + (c.validSamples / c.batchSize) * fwd.mean;
        measures.torchStepTime = timeMeasure(step.mean, step.moe);
        measures.torchEpochTime = { value: epoch, unit: 'ms', better: 'lower' };
        measures.stepTimeVsTorch = { value: s.step.meanMs / step.mean, unit: 'x', better: 'lower' };
        axes.torch = t.torch;
        axes.torchThreads = t.threads;
        line += `  | PyTorch step ${fmt(step.mean)} (${(s.step.meanMs / step.mean).toFixed(2)}×), epoch ${fmt(epoch)}`;
      }
      log(line);
      inputs.push({ suite: 'ae', name: `${c.name}/train`, kind: 'speed', axes, measures });
    }
  }

  if (values.runs) {
    for (const dir of values.runs
      .split(',')
      .map((d) => d.trim())
      .filter(Boolean)) {
      const aeRun = loadAutoencoderRun(dir);
      try {
        const acc = await aeAccuracy(aeRun, values.data!, values.split as WellSplit, { maxTrajectories: maxTraj });
        const axes = {
          method: 'ae' as const,
          dataset: basename(values.data!),
          resolution: aeRun.data.resolution,
          compressionRate: acc.compressionRate,
          split: acc.split,
          run: acc.runId,
          trajectories: acc.trajectories,
          frames: acc.frames,
        };
        const measures: Record<string, Measure> = {
          vrmse: { value: acc.vrmse, unit: '1', better: 'lower' },
          vrmseStandardised: { value: acc.vrmseStandardised, unit: '1', better: 'lower' },
          vrmseMedianFrame: { value: acc.vrmseMedianFrame, unit: '1', better: 'lower' },
        };
        for (const [f, v] of Object.entries(acc.perField)) measures[`vrmse_${f}`] = { value: v, unit: '1', better: 'lower' };
        inputs.push({ suite: 'ae', name: `${acc.runId}/reconstruction`, kind: 'accuracy', axes, measures });
        const spe = Number((aeRun.config.train as Record<string, unknown> | undefined)?.stepsPerEpoch ?? 1);
        const times = loggedTimes(aeRun.dir, spe);
        if (times) {
          inputs.push({
            suite: 'ae',
            name: `${acc.runId}/train-log`,
            kind: 'speed',
            axes: {
              method: 'ae',
              resolution: aeRun.data.resolution,
              compressionRate: acc.compressionRate,
              run: acc.runId,
              steps: times.steps,
            },
            measures: {
              stepTime: { value: times.stepMs, unit: 'ms', better: 'lower' },
              epochTime: { value: times.epochMs, unit: 'ms', better: 'lower' },
            },
          });
        }
        const fields = Object.entries(acc.perField)
          .map(([f, v]) => `${f} ${v.toFixed(4)}`)
          .join(', ');
        log(
          `[ae] ${acc.runId.padEnd(16)} rate ${String(acc.compressionRate).padStart(5)}  ${acc.split} VRMSE ${acc.vrmse.toFixed(4)} (${fields}; standardised ${acc.vrmseStandardised.toFixed(4)}; median frame ${acc.vrmseMedianFrame.toFixed(4)})` +
            (times ? `  logged step ${fmt(times.stepMs)}, epoch ${fmt(times.epochMs)}` : ''),
        );
      } finally {
        disposeParams(aeRun.ae);
      }
    }
  }

  const records: BenchRecord[] = inputs.map((r) => makeRecord(r, identity, environment));
  emitRecords(records, values.out, appendRecords, '[ae] ');
  return 0;
}
