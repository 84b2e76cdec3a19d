/**
 * `lola-bench kernels` (issue 2 §3): times the runtime's kernels and two training steps on the
 * chosen backend with tinybench, prints a table (optionally beside PyTorch) and appends one JSON
 * record per workload (docs/architecture.md §5).
 */
import { readArgs } from '@lola-ts/cli';
import { initRuntime } from '@lola-ts/nn-blocks';
import * as tf from '@tensorflow/tfjs-core';
import { Bench } from 'tinybench';
import {
  appendRecords,
  captureEnvironment,
  captureIdentity,
  makeRecord,
  timeMeasure,
  type BenchRecord,
  type Measure,
} from '../records/index.js';
import { parseKernelsArgs, USAGE } from './args.js';
import { formatTable, type Row } from './table.js';
import { runTorch, type TorchRun } from './torch.js';
import { workloads } from './workloads.js';

/** Targets of issue 14 (vs PyTorch in the same run): matmul ≥ 60% of its GFLOP/s, train steps ≤ 1.5×. */
const TARGETS: Record<string, { text: string; met: (gflops: number | null, ratio: number | null) => boolean | null }> = {
  'matmul-1024': { text: '>= 0.6x torch GFLOP/s', met: (_g, r) => (r === null ? null : 1 / r >= 0.6) },
  'transformer-block-step': { text: '<= 1.5x torch', met: (_g, r) => (r === null ? null : r <= 1.5) },
  'conv-ae-step': { text: '<= 1.5x torch', met: (_g, r) => (r === null ? null : r <= 1.5) },
};

export async function run(argv: string[]): Promise<number> {
  const all = workloads();
  const options = readArgs({ name: 'lola-bench kernels', usage: USAGE }, () =>
    parseKernelsArgs(
      argv,
      all.map((w) => w.name),
    ),
  );
  if (typeof options === 'number') return options;
  const info = await initRuntime({ backend: options.backend, ...(options.threads ? { threads: options.threads } : {}) });
  console.error(
    `kernels: backend ${info.backend}${info.native ? ` + native (${info.native})` : ''}, ${info.threads} thread(s)${info.simd ? ', SIMD' : ''}${info.notes.length ? ` (${info.notes.join('; ')})` : ''}`,
  );
  const chosen = options.only ? all.filter((w) => options.only!.includes(w.name)) : all;
  const bench = new Bench({ iterations: options.iterations, warmupIterations: 1, time: 0, warmupTime: 0, throws: true });
  const prepared = new Map<string, ReturnType<(typeof all)[number]['prepare']>>();
  for (const w of chosen) {
    // Prepared once before the warm-up (which then also creates optimizer slots and packs
    // weights) and disposed after the timed run.
    bench.add(w.name, async () => prepared.get(w.name)!.step(), {
      beforeAll: (mode) => {
        if (prepared.has(w.name) && mode === 'run') return;
        console.error(`kernels: ${w.name} ...`);
        prepared.set(w.name, w.prepare());
      },
      afterAll: (mode) => {
        if (mode === 'warmup') return;
        prepared.get(w.name)?.dispose();
        prepared.delete(w.name);
      },
    });
  }
  const before = tf.memory().numTensors;
  await bench.run();
  const leaked = tf.memory().numTensors - before;
  if (leaked !== 0) console.error(`kernels: warning: ${leaked} tensor(s) left after the workloads`);

  let torch: TorchRun | null = null;
  if (options.vsTorch) {
    console.error('kernels: running the PyTorch reference ...');
    torch = await runTorch({ threads: info.threads, iterations: options.iterations, only: options.only });
  }

  const identity = captureIdentity();
  const environment = captureEnvironment({
    backend: info.native ? `${info.backend}+native` : info.backend,
    threads: info.threads,
    simd: info.simd,
  });
  const rows: Row[] = [];
  const records: BenchRecord[] = [];
  for (const w of chosen) {
    const task = bench.getTask(w.name);
    const result = task?.result;
    if (!result || !('latency' in result)) throw new Error(`kernels: ${w.name} did not complete (${result?.state ?? 'no result'})`);
    const mean = result.latency.mean;
    const moe = result.latency.moe;
    const gflops = w.flops ? w.flops / (mean * 1e6) : null;
    const t = torch?.timings.get(w.name) ?? null;
    const ratio = t ? mean / t.meanMs : null;
    const target = TARGETS[w.name];
    rows.push({
      name: w.name,
      description: w.description,
      meanMs: mean,
      moeMs: moe,
      gflops,
      torchMs: t?.meanMs ?? null,
      target: target?.text ?? '',
      met: target ? target.met(gflops, ratio) : null,
    });
    const measures: Record<string, Measure> = { time: timeMeasure(mean, moe) };
    if (gflops !== null) measures['throughput'] = { value: gflops, unit: 'GFLOP/s', better: 'higher' };
    if (t && ratio !== null) {
      measures['torchTime'] = timeMeasure(t.meanMs, t.moeMs);
      measures['ratioVsTorch'] = { value: ratio, unit: 'x', better: 'lower' };
    }
    records.push(
      makeRecord(
        {
          suite: 'kernels',
          name: w.name,
          kind: 'speed',
          axes: {
            ...w.axes,
            iterations: result.latency.samplesCount ?? options.iterations,
            ...(torch ? { torch: torch.torch, torchBlas: torch.blas } : {}),
          },
          measures,
        },
        identity,
        environment,
      ),
    );
  }
  console.log(formatTable(rows));
  if (options.out) {
    appendRecords(options.out, records);
    console.error(`kernels: appended ${records.length} records to ${options.out}`);
  }
  return 0;
}
