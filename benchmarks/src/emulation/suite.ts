/**
 * The emulation speed suite (issue 8; docs/method.md §13.5): time per emulated state, measured side by
 * side in one run, for the simulator, the pixel and latent neural solvers and the pixel and
 * latent diffusion models (each latent model at every compression rate), at several input
 * resolutions with the same architectures (so the latent grid grows with the input).
 *
 *   emulators: seconds per state = wall time of (rollout + decode) / (members × frames)
 *   simulator: seconds per state = wall time of `outputs` output intervals / outputs
 *
 * Timed with tinybench, `iterations` runs (default 1) after one cheap warm-up pass at the
 * measured shapes (model-level ops are slow on a CPU: a full warm-up would double the run).
 */
import { Rng } from '@lola-ts/numerics';
import { createSystem, type SimulatorSystem } from '@lola-ts/simulators';
import * as tf from '@tensorflow/tfjs-core';
import { Bench } from 'tinybench';
import { timeSystem } from '../simulators/suite.js';
import {
  aeFactor,
  loadAeArchitecture,
  loadVitArchitecture,
  squarePatch,
  type AeArchitecture,
  type VitArchitecture,
} from './architecture.js';
import { buildCase, membersFor, tokensOf, type EmulatorCase, type EmulatorMethod, type Method } from './cases.js';

export const METHODS: readonly Method[] = ['simulator', 'pixel-ns', 'ns', 'pixel-dm', 'dm'];

export interface EmulationBenchOptions {
  /** Simulator system providing the state (channels) and the simulator row; `euler`. */
  system: string;
  resolutions: number[];
  /** Requested ensemble members (paper: 16); capped per model by `maxBatchTokens`. */
  ensemble: number;
  /** Sampler steps of the DMs (paper: 16). */
  steps: number;
  /** Emulated states per member (rollout length). */
  frames: number;
  /** Output intervals simulated per simulator run. */
  simOutputs: number;
  iterations: number;
  /** Cap on members × tokens per window batch. */
  maxBatchTokens: number;
  /** Pixel models' patch side; null = the pixel NS config's, else the AE's factor f (same tokens as latent). */
  pixelPatch: number | null;
  /** Latent channels of the autoencoders, one compression rate each. */
  latChannels: number[];
  methods: Method[];
  seed: number;
  /** Folder of `ae-euler-c*.yaml`, `{dm,ns}-euler-{c*,pixel}.yaml`; null = built-in defaults. */
  configDir: string | null;
  /** Architecture overrides (tests use tiny ones). */
  architectures?: { dm?: VitArchitecture; ns?: VitArchitecture; ae?: (latChannels: number) => AeArchitecture };
}

/** One timed row. */
export interface EmulationTiming {
  method: Method;
  resolution: number;
  compressionRate: number;
  dataset: string;
  /** Latent channels (latent methods). */
  latChannels?: number;
  /** Members actually run and the ensemble that was asked for (emulators). */
  members?: number;
  requestedMembers?: number;
  steps?: number;
  /** States per member produced by each timed run (simulator: output intervals). */
  frames: number;
  tokens?: number;
  patch?: number;
  stateShape: number[];
  /** Mean wall time of one timed run and its 95% margin (ms); decode part for latent methods. */
  meanMs: number;
  moeMs: number;
  decodeMs?: number;
  samples: number;
  /** Seconds per emulated (or simulated) state. */
  secondsPerState: { value: number; lower: number; upper: number };
  /** Simulator solver steps per output state. */
  solverStepsPerState?: number;
  emulatorParams?: number;
  decoderParams?: number;
  architecture?: { vit: string; ae?: string };
}

/** The per-state interval from a run's mean and margin: (mean ± moe) / states / 1000. */
export function perState(meanMs: number, moeMs: number, states: number): { value: number; lower: number; upper: number } {
  const moe = Number.isFinite(moeMs) ? moeMs : 0;
  return { value: meanMs / states / 1000, lower: Math.max(0, meanMs - moe) / states / 1000, upper: (meanMs + moe) / states / 1000 };
}

const channelsOf = (system: SimulatorSystem) => system.fields.reduce((n, f) => n + (f.order === 1 ? system.shape.length : 1), 0);

async function timeSimulator(o: EmulationBenchOptions, n: number): Promise<EmulationTiming> {
  const system = createSystem(o.system, { resolution: n, frames: o.simOutputs + 1 });
  const t = await timeSystem(system, { systems: [o.system], sizes: [n], outputs: o.simOutputs, iterations: o.iterations, seed: o.seed });
  return {
    method: 'simulator',
    resolution: n,
    compressionRate: 1,
    dataset: system.datasetName,
    frames: o.simOutputs,
    stateShape: [...system.shape, channelsOf(system)],
    meanMs: t.meanMs,
    moeMs: t.moeMs,
    samples: t.samples,
    secondsPerState: perState(t.meanMs, t.moeMs, o.simOutputs),
    ...(t.steps !== null ? { solverStepsPerState: t.steps / o.simOutputs } : {}),
  };
}

async function timeEmulator(c: EmulatorCase, o: EmulationBenchOptions, dataset: string): Promise<EmulationTiming> {
  const built = buildCase(c);
  try {
    await built.warmUp();
    const parts: { rolloutMs: number; decodeMs: number }[] = [];
    const bench = new Bench({ iterations: o.iterations, time: 0, warmup: false });
    bench.add(`${c.method}/${c.resolution}`, async () => {
      parts.push(await built.run());
    });
    await bench.run();
    const r = bench.tasks[0]!.result;
    if (r.state !== 'completed')
      throw new Error(
        `emulation bench: ${c.method} at ${c.resolution}² ended in state '${r.state}'${r.state === 'errored' ? `: ${r.error.message}` : ''}`,
      );
    const states = c.members * c.frames;
    const latent = c.method === 'ns' || c.method === 'dm';
    return {
      method: c.method,
      resolution: c.resolution,
      compressionRate: built.compressionRate,
      dataset,
      ...(latent ? { latChannels: c.ae!.latChannels } : {}),
      members: c.members,
      requestedMembers: o.ensemble,
      ...(c.steps !== null ? { steps: c.steps } : {}),
      frames: c.frames,
      tokens: built.tokens,
      patch: latent ? 1 : c.patch,
      stateShape: built.stateShape,
      meanMs: r.latency.mean,
      moeMs: r.latency.moe,
      ...(latent ? { decodeMs: parts.reduce((s, p) => s + p.decodeMs, 0) / parts.length } : {}),
      samples: r.latency.samplesCount,
      secondsPerState: perState(r.latency.mean, r.latency.moe, states),
      emulatorParams: built.emulatorParams,
      decoderParams: built.decoderParams,
      architecture: {
        vit: `D=${c.vit.hidChannels}, ${c.vit.hidBlocks} blocks, ${c.vit.heads} heads (${c.vit.source})`,
        ...(c.ae
          ? { ae: `widths ${c.ae.hidChannels.join('-')}, blocks ${c.ae.hidBlocks.join('-')}, c${c.ae.latChannels} (${c.ae.source})` }
          : {}),
      },
    };
  } finally {
    built.dispose();
  }
}

/** The planned rows, in run order: per resolution, simulator, pixel NS, NSs, pixel DM, DMs. */
export function planCases(o: EmulationBenchOptions, channels: number): (EmulatorCase | { method: 'simulator'; resolution: number })[] {
  const vitOf = (kind: 'dm' | 'ns', variant: string) => o.architectures?.[kind] ?? loadVitArchitecture(kind, o.configDir, variant);
  const aes = o.latChannels.map((c) => o.architectures?.ae?.(c) ?? loadAeArchitecture(c, o.configDir, channels));
  const factor = Math.max(...aes.map(aeFactor));
  // Pixel patch: --pixel-patch, else the pixel NS config's (1, p, p), else f (same tokens as latent).
  const patch = o.pixelPatch ?? squarePatch(vitOf('ns', 'pixel').patchSize) ?? factor;
  const out: (EmulatorCase | { method: 'simulator'; resolution: number })[] = [];
  for (const n of o.resolutions) {
    for (const method of METHODS) {
      if (!o.methods.includes(method)) continue;
      if (method === 'simulator') {
        out.push({ method, resolution: n });
        continue;
      }
      const steps = method.endsWith('dm') ? o.steps : null;
      const latent = method === 'ns' || method === 'dm';
      for (const ae of latent ? aes : [undefined]) {
        const f = ae ? aeFactor(ae) : 1;
        if (ae && n % f !== 0)
          throw new Error(`lola-bench emulation: resolution ${n} is not divisible by the AE's down-sampling factor ${f} (${ae.source})`);
        const tokens = tokensOf(method as EmulatorMethod, n, f, patch);
        const vit = vitOf(method.endsWith('dm') ? 'dm' : 'ns', ae ? `c${ae.latChannels}` : 'pixel');
        out.push({
          method: method as EmulatorMethod,
          resolution: n,
          channels,
          vit,
          ae,
          patch: latent ? 1 : patch,
          members: membersFor(o.ensemble, tokens, o.maxBatchTokens),
          steps,
          frames: o.frames,
          seed: o.seed,
        });
      }
    }
  }
  return out;
}

const fmtS = (s: number) => (s >= 1 ? `${s.toFixed(2)} s` : s >= 1e-3 ? `${(s * 1e3).toFixed(1)} ms` : `${(s * 1e6).toFixed(0)} µs`);

/** One progress line for a finished row. */
export function describeTiming(t: EmulationTiming): string {
  const what =
    t.method === 'simulator'
      ? `${t.frames} output(s)`
      : `${t.members}/${t.requestedMembers} members × ${t.frames} frames${t.steps ? ` × ${t.steps} steps` : ''}, ${t.tokens} tokens`;
  const rate = t.compressionRate > 1 ? ` ${t.compressionRate}×` : '';
  return `${`${t.method}${rate}`.padEnd(14)} ${`${t.resolution}²`.padStart(5)}  ${fmtS(t.secondsPerState.value).padStart(9)}/state  (${what}${t.decodeMs !== undefined ? `; decode ${((100 * t.decodeMs) / t.meanMs).toFixed(0)}%` : ''})`;
}

/** Runs the suite; `log` gets a progress line per row. Model memory is released after each row. */
export async function benchEmulation(o: EmulationBenchOptions, log: (line: string) => void = () => {}): Promise<EmulationTiming[]> {
  const probe = createSystem(o.system, { resolution: Math.min(...o.resolutions), frames: 2 });
  const channels = channelsOf(probe);
  const cases = planCases(o, channels);
  if (o.methods.includes('simulator')) {
    // Warm the JIT on one output interval of the smallest grid (as the simulators suite does).
    probe.simulate(probe.parameterSets[0]!, probe.sampleInitialCondition(probe.parameterSets[0]!, new Rng('lola-bench/emulation/warmup')));
  }
  const out: EmulationTiming[] = [];
  const t0 = performance.now();
  for (const [i, c] of cases.entries()) {
    const before = tf.memory().numTensors;
    const t = c.method === 'simulator' ? await timeSimulator(o, c.resolution) : await timeEmulator(c, o, probe.datasetName);
    const leaked = tf.memory().numTensors - before;
    if (leaked !== 0) throw new Error(`lola-bench emulation: ${c.method} at ${c.resolution}² left ${leaked} tensors allocated`);
    out.push(t);
    log(`[${String(i + 1).padStart(2)}/${cases.length}] ${describeTiming(t)}  +${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  return out;
}
