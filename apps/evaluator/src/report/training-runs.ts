/**
 * Training runs for the report's training section: a run directory's `config.yaml` (stage,
 * compression rate, seed, steps) and its `log.jsonl` as the trainer writes it (nn-blocks
 * `trainLoop`: one `train` record per optimizer step with loss and learning rate, one `valid`
 * record per validation).
 */
import { readLog } from '@lola-ts/nn-blocks';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export interface TrainingRun {
  dir: string;
  /** The directory's base name (e.g. `dm-c64`). */
  name: string;
  /** `ae`, `dm`, `ns` (or the config's `stage`). */
  stage: string;
  /** Compression rate of the AE (or of the latent cache a DM/NS was trained on); 1 for pixel runs; null when unknown. */
  compressionRate: number | null;
  seed: number | string | null;
  totalSteps: number | null;
  parameters: number | null;
  /** Per optimizer step; loss and lr null where the log wrote a non-finite value. */
  train: { step: number; loss: number | null; lr: number | null; skipped: boolean }[];
  valid: { step: number; loss: number | null }[];
  /** Seconds of training at the last logged step. */
  seconds: number | null;
}

const LOG = 'log.jsonl';
const CONFIG = 'config.yaml';
const isRun = (dir: string) => existsSync(path.join(dir, CONFIG)) && existsSync(path.join(dir, LOG));
const numOrNull = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/**
 * Expands `--runs` arguments: a run directory (config.yaml + log.jsonl) stands for itself; any
 * other directory for the runs directly inside it (e.g. `demo-output/runs`), sorted by name.
 */
export function findTrainingRuns(dirs: string[]): string[] {
  return dirs.flatMap((dir) => {
    if (!existsSync(dir)) throw new Error(`--runs ${dir}: no such directory`);
    if (isRun(dir)) return [dir];
    if (existsSync(path.join(dir, CONFIG))) throw new Error(`--runs ${dir}: a run directory without ${LOG} (has its training started?)`);
    const inside = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && isRun(path.join(dir, e.name)))
      .map((e) => path.join(dir, e.name))
      .sort();
    if (!inside.length) throw new Error(`--runs ${dir}: neither a run directory (${CONFIG} + ${LOG}) nor a directory holding runs`);
    return inside;
  });
}

export function readTrainingRun(dir: string): TrainingRun {
  const cfgFile = path.join(dir, CONFIG);
  let cfg: Record<string, unknown>;
  try {
    cfg = (parse(readFileSync(cfgFile, 'utf8')) ?? {}) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`${cfgFile}: ${(err as Error).message}`);
  }
  const section = (k: string) => (typeof cfg[k] === 'object' && cfg[k] !== null ? (cfg[k] as Record<string, unknown>) : {});
  const stage = typeof cfg.stage === 'string' ? cfg.stage : cfg.ae ? 'ae' : 'unknown';
  const data = section('data');
  const info = section('info');
  const compressionRate = stage === 'ae' ? numOrNull(info.compressionRate) : data.source === 'well' ? 1 : numOrNull(data.compressionRate);
  const seed = section('train').seed;
  const train: TrainingRun['train'] = [];
  const valid: TrainingRun['valid'] = [];
  let seconds: number | null = null;
  for (const r of readLog(path.join(dir, LOG))) {
    if (r.kind === 'train') train.push({ step: r.step, loss: numOrNull(r.loss), lr: numOrNull(r.lr), skipped: r.skipped === true });
    else if (r.kind === 'valid') valid.push({ step: r.step, loss: numOrNull(r.loss) });
    else continue;
    seconds = numOrNull(r.time) ?? seconds;
  }
  return {
    dir,
    name: path.basename(path.resolve(dir)),
    stage,
    compressionRate,
    seed: typeof seed === 'number' || typeof seed === 'string' ? seed : null,
    totalSteps: numOrNull(info.totalSteps),
    parameters: numOrNull(info.parameters),
    train,
    valid,
    seconds,
  };
}

/** Runs in reading order: AE, DM, NS (others last), each by compression rate, then by name. */
export function sortRuns(runs: TrainingRun[]): TrainingRun[] {
  const order = (s: string) => {
    const i = ['ae', 'dm', 'ns'].indexOf(s);
    return i < 0 ? 3 : i;
  };
  return [...runs].sort(
    (a, b) => order(a.stage) - order(b.stage) || (a.compressionRate ?? 0) - (b.compressionRate ?? 0) || a.name.localeCompare(b.name),
  );
}
