/**
 * The data suite: how fast `@lola-ts/well-data` reads Well files, and how much memory streaming a
 * file costs. It writes a synthetic Well file (t0 fields `u`, `v` and a vector `w`: 4 channels,
 * float32) with the library's own writer, then
 *  - times reading one window (`nStepsInput + nStepsOutput` consecutive steps of one trajectory,
 *    channels-last float32) at random positions, and one whole trajectory (MB/s, MB = 1e6 bytes);
 *  - streams every window of a file several times larger than one window (WellDataset, full
 *    sample construction) and samples the process RSS after each item: peak RSS above the
 *    baseline taken before streaming.
 */
import { Rng } from '@lola-ts/numerics';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWellFile, openWellFile, WellDataset } from '@lola-ts/well-data';
import { Bench } from 'tinybench';
import { timeMeasure, type Measure, type RecordInput } from '@lola-ts/experiment';

export interface DataBenchOptions {
  /** Grid size N (the file is N x N). */
  size: number;
  /** Time steps per trajectory. */
  steps: number;
  /** Trajectories in the streamed file. */
  trajectories: number;
  /** Steps per window (input + output). */
  window: number;
  iterations: number;
  /** Where the temporary file goes (deleted afterwards unless `keep`). */
  dir: string;
  keep: boolean;
  seed: number;
}

export const DEFAULT_DATA_OPTIONS: DataBenchOptions = {
  size: 128,
  steps: 101,
  trajectories: 4,
  window: 5,
  iterations: 20,
  dir: tmpdir(),
  keep: false,
  seed: 0,
};

export interface ReadTiming {
  name: 'read-window' | 'read-trajectory';
  bytes: number;
  meanMs: number;
  moeMs: number;
  samples: number;
}

export interface StreamResult {
  fileBytes: number;
  windowBytes: number;
  items: number;
  baselineRssBytes: number;
  peakRssAboveBaselineBytes: number;
  seconds: number;
}

export interface DataBenchResult {
  options: DataBenchOptions;
  channels: number;
  reads: ReadTiming[];
  stream: StreamResult;
}

const CHANNELS = 4;

/** Writes the synthetic file, one trajectory at a time. */
async function writeFile(path: string, o: DataBenchOptions): Promise<void> {
  const n = o.size;
  const lin = (k: number) => Array.from({ length: k }, (_, i) => i / k);
  const w = await createWellFile(path, {
    datasetName: 'bench_data',
    spatialDims: ['x', 'y'],
    coordinates: { x: lin(n), y: lin(n) },
    time: lin(o.steps),
    boundaryConditions: { x: 'PERIODIC', y: 'PERIODIC' },
    parameters: { nu: 0.01 },
    fields: [{ name: 'u' }, { name: 'v' }, { name: 'w', order: 1 }],
  });
  const rng = new Rng(`bench-data/${o.seed}`);
  for (let t = 0; t < o.trajectories; t++) {
    const frame = n * n;
    const scalar = () => rng.fillNormal(new Float32Array(o.steps * frame));
    await w.appendTrajectory({ u: scalar(), v: scalar(), w: rng.fillNormal(new Float32Array(o.steps * frame * 2)) });
  }
  await w.close();
}

/** Runs the suite. */
export async function benchData(o: DataBenchOptions, log: (line: string) => void = () => {}): Promise<DataBenchResult> {
  const path = join(o.dir, `lola-bench-data-${process.pid}-${o.size}.hdf5`);
  log(`writing ${o.trajectories} x ${o.steps} x ${o.size}^2 x ${CHANNELS} float32 to ${path}`);
  await writeFile(path, o);
  try {
    const file = await openWellFile(path);
    const rng = new Rng(`bench-data/reads/${o.seed}`);
    const frameBytes = o.size * o.size * CHANNELS * 4;
    const reads: ReadTiming[] = [];
    for (const [name, count] of [
      ['read-window', o.window],
      ['read-trajectory', o.steps],
    ] as const) {
      const bench = new Bench({ iterations: o.iterations, time: 0, warmupIterations: 1, warmupTime: 0 });
      bench.add(name, () => {
        const traj = rng.int(o.trajectories);
        const start = rng.int(o.steps - count + 1);
        const r = file.readFields(traj, { start, count });
        if (r.data.length * 4 !== count * frameBytes) throw new Error(`read ${r.data.length} floats, expected ${(count * frameBytes) / 4}`);
      });
      await bench.run();
      const res = bench.tasks[0]!.result;
      if (res.state !== 'completed')
        throw new Error(`data bench: ${name} ended in state '${res.state}'${res.state === 'errored' ? `: ${res.error.message}` : ''}`);
      const t: ReadTiming = {
        name,
        bytes: count * frameBytes,
        meanMs: res.latency.mean,
        moeMs: res.latency.moe,
        samples: res.latency.samplesCount,
      };
      log(
        `${name.padEnd(16)} ${(t.bytes / 1e6).toFixed(2).padStart(8)} MB  ${t.meanMs.toFixed(2).padStart(8)} ms  ${throughput(t).toFixed(1).padStart(8)} MB/s`,
      );
      reads.push(t);
    }
    file.close();

    const ds = await WellDataset.open({ files: [path], nStepsInput: o.window - 1, nStepsOutput: 1 });
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const t0 = performance.now();
    for (let i = 0; i < ds.length; i++) {
      const s = await ds.get(i);
      if (!s.outputFields) throw new Error('missing output fields');
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const seconds = (performance.now() - t0) / 1000;
    ds.close();
    const stream: StreamResult = {
      fileBytes: o.trajectories * o.steps * frameBytes,
      windowBytes: o.window * frameBytes,
      items: ds.length,
      baselineRssBytes: baseline,
      peakRssAboveBaselineBytes: peak - baseline,
      seconds,
    };
    log(
      `stream ${stream.items} windows of a ${(stream.fileBytes / 1e6).toFixed(0)} MB file in ${seconds.toFixed(1)} s: peak RSS +${(stream.peakRssAboveBaselineBytes / 1e6).toFixed(1)} MB (window ${(stream.windowBytes / 1e6).toFixed(2)} MB)`,
    );
    return { options: o, channels: CHANNELS, reads, stream };
  } finally {
    if (!o.keep) rmSync(path, { force: true });
  }
}

/** MB/s of a read timing (MB = 1e6 bytes). */
export function throughput(t: ReadTiming): number {
  return t.bytes / 1e6 / (t.meanMs / 1000);
}

/** Record inputs (suite `data`). */
export function dataRecords(r: DataBenchResult): RecordInput[] {
  const o = r.options;
  const axes = { dataset: 'bench_data', resolution: [o.size, o.size], channels: r.channels, steps: o.steps };
  const out: RecordInput[] = r.reads.map((t) => {
    const lo = t.bytes / 1e6 / ((t.meanMs + t.moeMs) / 1000);
    const hi = t.meanMs > t.moeMs ? t.bytes / 1e6 / ((t.meanMs - t.moeMs) / 1000) : undefined;
    const mbps: Measure = { value: throughput(t), lower: lo, ...(hi !== undefined ? { upper: hi } : {}), unit: 'MB/s', better: 'higher' };
    return {
      suite: 'data',
      name: t.name,
      kind: 'speed',
      axes: { ...axes, windowSteps: t.bytes / (o.size * o.size * r.channels * 4) },
      measures: { throughput: mbps, time: timeMeasure(t.meanMs, t.moeMs) },
    };
  });
  const s = r.stream;
  out.push({
    suite: 'data',
    name: 'stream-peak-memory',
    kind: 'speed',
    axes: { ...axes, trajectories: o.trajectories, windowSteps: o.window },
    measures: {
      peakRssAboveBaseline: { value: s.peakRssAboveBaselineBytes / 1e6, unit: 'MB', better: 'lower' },
      fileSize: { value: s.fileBytes / 1e6, unit: 'MB', better: 'lower' },
      windowSize: { value: s.windowBytes / 1e6, unit: 'MB', better: 'lower' },
      itemsPerSecond: { value: s.items / s.seconds, unit: 'items/s', better: 'higher' },
    },
  });
  return out;
}
