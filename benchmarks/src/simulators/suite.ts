/**
 * The simulators speed suite: for each system and grid size, simulates a few output intervals from
 * a seeded initial condition and reports cell updates per second and wall time per output state
 * (one stored frame, i.e. The Well's output interval). These records are the "simulator" row of
 * the emulation benchmark (`method: 'simulator'`).
 */
import { Rng } from '@lola-ts/numerics';
import { createSystem, type SimulatorSystem } from '@lola-ts/simulators';
import { Bench } from 'tinybench';
import { timeMeasure, type Measure, type RecordInput } from '@lola-ts/experiment';

export interface SimulatorBenchOptions {
  systems: string[];
  sizes: number[];
  /** Output intervals simulated per measured run. */
  outputs: number;
  iterations: number;
  seed: number;
}

export interface SimulatorTiming {
  system: string;
  datasetName: string;
  shape: number[];
  /** Mean wall time of one run of `outputs` output intervals, ms, and its 95% margin. */
  meanMs: number;
  moeMs: number;
  samples: number;
  /** Solver time steps per run, or null when the simulator does not report them. */
  steps: number | null;
  outputs: number;
}

/** Times one system at one size (in this thread; the simulators are single-threaded). */
export async function timeSystem(system: SimulatorSystem, o: SimulatorBenchOptions): Promise<SimulatorTiming> {
  const set = system.parameterSets[0]!;
  const ic = system.sampleInitialCondition(set, new Rng(`bench/${system.id}/${o.seed}`));
  let steps: number | null | undefined;
  const bench = new Bench({ iterations: o.iterations, time: 0, warmupIterations: 0, warmupTime: 0 });
  bench.add(system.id, () => {
    const t = system.simulate(set, ic);
    const s = t.steps ?? null;
    if (steps !== undefined && s !== steps)
      throw new Error(`simulator ${system.id}: step count changed between identical runs (${steps} vs ${s})`);
    steps = s;
  });
  await bench.run();
  const r = bench.tasks[0]!.result;
  if (r.state !== 'completed')
    throw new Error(`simulators bench: ${system.id} ended in state '${r.state}'${r.state === 'errored' ? `: ${r.error.message}` : ''}`);
  return {
    system: system.id,
    datasetName: system.datasetName,
    shape: [...system.shape],
    meanMs: r.latency.mean,
    moeMs: r.latency.moe,
    samples: r.latency.samplesCount,
    steps: steps ?? null,
    outputs: o.outputs,
  };
}

/** Runs the suite: one timing per (system, size). */
export async function benchSimulators(o: SimulatorBenchOptions, log: (line: string) => void = () => {}): Promise<SimulatorTiming[]> {
  const out: SimulatorTiming[] = [];
  for (const id of o.systems) {
    // Warm the JIT (one output interval on the smallest grid) so the first timed size does not pay
    // for compilation.
    const small = createSystem(id, { resolution: Math.min(...o.sizes), frames: 2 });
    small.simulate(small.parameterSets[0]!, small.sampleInitialCondition(small.parameterSets[0]!, new Rng('bench/warmup')));
    for (const n of o.sizes) {
      // frames = outputs + 1: the initial state plus `outputs` simulated output states.
      const system = createSystem(id, { resolution: n, frames: o.outputs + 1 });
      const t = await timeSystem(system, o);
      const cups = cellUpdatesPerSecond(t);
      const rate =
        cups === null ? 'step count not reported' : `${(cups / 1e6).toFixed(2).padStart(7)} M cell-updates/s  (${t.steps} steps)`;
      log(`${id.padEnd(16)} ${t.shape.join('x').padStart(9)}  ${(t.meanMs / t.outputs).toFixed(1).padStart(9)} ms/output  ${rate}`);
      out.push(t);
    }
  }
  return out;
}

/** cells × solver steps / wall time (null when the step count is unknown). */
export function cellUpdatesPerSecond(t: SimulatorTiming): number | null {
  if (t.steps === null) return null;
  const cells = t.shape.reduce((a, b) => a * b, 1);
  return (cells * t.steps) / (t.meanMs / 1000);
}

/** The record inputs of the timings (suite `simulators`, method `simulator`). */
export function simulatorRecords(timings: readonly SimulatorTiming[]): RecordInput[] {
  return timings.map((t) => {
    const measures: Record<string, Measure> = { msPerOutputState: timeMeasure(t.meanMs / t.outputs, t.moeMs / t.outputs) };
    const cups = cellUpdatesPerSecond(t);
    if (cups !== null && t.steps !== null) {
      const scale = (ms: number) => (cups * t.meanMs) / ms; // cell updates per second at another wall time
      measures.cellUpdatesPerSecond = {
        value: cups,
        lower: scale(t.meanMs + t.moeMs),
        upper: t.meanMs - t.moeMs > 0 ? scale(t.meanMs - t.moeMs) : cups,
        unit: 'cells/s',
        better: 'higher',
      };
      measures.stepsPerOutputState = { value: t.steps / t.outputs, unit: 'steps', better: 'lower' };
    }
    return {
      suite: 'simulators',
      name: `${t.system}/${t.shape.join('x')}`,
      kind: 'speed',
      axes: {
        dataset: t.datasetName,
        resolution: t.shape.length === 1 ? t.shape[0] : t.shape,
        method: 'simulator',
        system: t.system,
        outputs: t.outputs,
        samples: t.samples,
      },
      measures,
    };
  });
}
