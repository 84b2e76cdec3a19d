/**
 * `lola-bench emulation`: time per emulated state of the simulator, the pixel/latent neural
 * solvers and the pixel/latent diffusion models at several input resolutions, in one run
 * (issue 8; docs/method.md §13.5). Prints progress, the per-state table, the paper's figures beside
 * ours as ratios, and the resolution at which the latent DM becomes cheaper than the simulator;
 * writes one JSON record per row (appended atomically to --out, else printed on stdout).
 */
import { emitRecords, readArgs } from '@lola-ts/cli';
import { initRuntime, type RuntimeInfo } from '@lola-ts/nn-blocks';
import {
  appendRecords,
  captureEnvironment,
  captureIdentity,
  makeRecord,
  type BenchRecord,
  type Environment,
  type Identity,
} from '../records/index.js';
import { parseEmulationArgs, USAGE } from './args.js';
import { crossoverResolution, describeCrossover } from './crossover.js';
import { emulationRecord } from './records.js';
import { benchEmulation, type EmulationTiming } from './suite.js';
import { formatCostTable, formatRatioTable, ratioTable } from './tables.js';

const PACKAGES = [
  '@lola-ts/nn-blocks',
  '@lola-ts/autoencoders',
  '@lola-ts/diffusion',
  '@lola-ts/solvers',
  '@lola-ts/emulation',
  '@lola-ts/simulators',
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-backend-wasm',
];

/** Records of the timings: emulators carry the tfjs environment, the simulator its own (JS, one thread). */
export function emulationRecords(
  timings: readonly EmulationTiming[],
  identity: Identity,
  environment: Environment,
  simulatorEnvironment: Environment,
): BenchRecord[] {
  return timings.map((t) => makeRecord(emulationRecord(t), identity, t.method === 'simulator' ? simulatorEnvironment : environment));
}

/** The printed report: per-state table, ratios beside the paper's, crossover per compression rate. */
export function emulationReport(timings: readonly EmulationTiming[], runtime: string): string[] {
  const lines = ['', `Seconds per emulated state (${runtime}):`, ...formatCostTable(timings)];
  const latentRates = [...new Set(timings.filter((t) => t.method === 'dm' || t.method === 'ns').map((t) => t.compressionRate))].sort(
    (a, b) => a - b,
  );
  const rateNote = latentRates.length ? `latent rows at the lowest compression rate, ${latentRates[0]}×` : 'no latent rows';
  lines.push('', "The paper's per-state figures beside ours, as ratios:", ...formatRatioTable(ratioTable(timings), rateNote));
  const sim = timings.filter((t) => t.method === 'simulator').map((t) => ({ resolution: t.resolution, seconds: t.secondsPerState.value }));
  const resolutions = [...new Set(timings.map((t) => t.resolution))];
  if (sim.length && latentRates.length) {
    lines.push('', 'Where the latent DM becomes cheaper than the simulator:');
    for (const rate of latentRates) {
      const dm = timings
        .filter((t) => t.method === 'dm' && t.compressionRate === rate)
        .map((t) => ({ resolution: t.resolution, seconds: t.secondsPerState.value }));
      if (dm.length) lines.push(`  DM ${rate}×: ${describeCrossover(crossoverResolution(dm, sim), resolutions)}`);
    }
  }
  return lines;
}

function runtimeLabel(info: RuntimeInfo, env: Environment): string {
  return `tfjs ${info.backend}${info.backend === 'wasm' ? `, ${info.threads} thread(s)${info.simd ? ', SIMD' : ''}` : ''}${info.native ? ` + native (${info.native})` : ''}; ${env.cpu ?? 'unknown CPU'} × ${env.cores}${env.gpu ? `; GPU ${env.gpu}` : ''}`;
}

/** Entry point of `lola-bench emulation`. */
export async function run(argv: string[]): Promise<number> {
  const options = readArgs({ name: 'lola-bench emulation', usage: USAGE }, () => parseEmulationArgs(argv));
  if (typeof options === 'number') return options;
  const info = await initRuntime({ backend: options.backend, threads: options.threads });
  for (const note of info.notes) console.error(`note: ${note}`);
  const environment = captureEnvironment({
    backend: info.native ? `${info.backend}+native` : info.backend,
    threads: info.threads,
    simd: info.simd,
  });
  const label = runtimeLabel(info, environment);
  console.error(
    `emulation suite: ${options.resolutions.map((n) => `${n}²`).join(', ')}; ensemble ${options.ensemble} (≤ ${options.maxBatchTokens} tokens per batch), ` +
      `${options.steps} AB steps, ${options.frames} frames, ${options.iterations} iteration(s); ${label}`,
  );
  const identity = captureIdentity(PACKAGES); // the code that runs: taken before the (long) run
  const timings = await benchEmulation(options, (line) => console.error(line));
  const archs = [
    ...new Set(
      timings.flatMap((t) =>
        t.architecture ? [`vit ${t.architecture.vit}`, ...(t.architecture.ae ? [`ae ${t.architecture.ae}`] : [])] : [],
      ),
    ),
  ];
  for (const a of archs) console.error(`  ${a}`);
  for (const line of emulationReport(timings, label)) console.error(line);
  const records = emulationRecords(timings, identity, environment, captureEnvironment({ backend: 'js-float64', threads: 1 }));
  emitRecords(records, options.out, appendRecords);
  return 0;
}
