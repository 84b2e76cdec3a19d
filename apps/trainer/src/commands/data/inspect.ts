/**
 * `lola-train data inspect PATH [--json]`: the schema summary of a Well HDF5 file or of a dataset
 * directory (a dataset root with `data/{train,valid,test}`, or one split directory).
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage, flags } from '@lola-ts/cli';
import { BoundaryCode, findWellFiles, openWellFiles, type WellFile } from '@lola-ts/well-data';

/** The `--json` object. */
export interface InspectSummary {
  datasetName: string;
  spatialDims: string[];
  resolution: number[];
  /** Trajectories over all files. */
  nTrajectories: number;
  /** Time steps per trajectory (the smallest over files when they differ). */
  nSteps: number;
  /** Every field, t0 then t1 then t2 in `field_names` order, with its stored shape (first file). */
  fields: { name: string; order: number; shape: number[] }[];
  /** Flattened channel names of the time-varying fields (the `C` axis of `input_fields`). */
  channels: string[];
  /** Each scalar's distinct values over all files, trajectories and steps (a number if only one). */
  scalars: Record<string, number | number[]>;
  /** `[n_spatial_dims][2]` BC codes WALL=0, OPEN=1, PERIODIC=2 (first file). */
  boundaryCodes: number[][];
}

const USAGE = 'usage: lola-train data inspect PATH [--json]';
const CODE_NAMES = Object.fromEntries(Object.entries(BoundaryCode).map(([k, v]) => [v, k])) as Record<number, string>;

/** The HDF5 files PATH stands for, with a label per file (its split, when there is one). */
function listFiles(path: string): { files: string[]; splits: Record<string, number> } {
  if (!existsSync(path)) throw new Error(`${path}: no such file or directory`);
  if (!statSync(path).isDirectory()) return { files: [path], splits: {} };
  const splits: Record<string, number> = {};
  const files: string[] = [];
  for (const split of ['train', 'valid', 'test']) {
    const dir = join(path, 'data', split);
    if (!existsSync(dir)) continue;
    const f = findWellFiles(dir);
    splits[split] = f.length;
    files.push(...f);
  }
  return files.length ? { files, splits } : { files: findWellFiles(path), splits: {} };
}

function summarize(open: WellFile[]): InspectSummary {
  const s = open[0]!.schema;
  const scalars: Record<string, number | number[]> = {};
  for (const sc of s.scalars) {
    const values = new Set<number>();
    for (const f of open) for (const v of f.readScalarValues(sc.name)) values.add(v);
    const sorted = [...values].sort((a, b) => a - b);
    scalars[sc.name] = sorted.length === 1 ? sorted[0]! : sorted;
  }
  return {
    datasetName: s.datasetName,
    spatialDims: s.spatialDims,
    resolution: s.resolution,
    nTrajectories: open.reduce((a, f) => a + f.schema.nTrajectories, 0),
    nSteps: Math.min(...open.map((f) => f.schema.nSteps)),
    fields: s.fields.map((f) => ({ name: f.name, order: f.order, shape: f.shape })),
    channels: s.fields.filter((f) => f.timeVarying).flatMap((f) => f.channels),
    scalars,
    boundaryCodes: s.boundaryCodes,
  };
}

function text(path: string, files: WellFile[], splits: Record<string, number>, sum: InspectSummary): string {
  const s = files[0]!.schema;
  const lines: string[] = [];
  const splitText = Object.entries(splits)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  lines.push(
    files.length === 1 && !splitText ? `file: ${path}` : `dataset: ${path} (${files.length} files${splitText ? `: ${splitText}` : ''})`,
  );
  lines.push(`dataset name: ${sum.datasetName} (grid ${s.gridType})`);
  lines.push(`spatial dims: ${sum.spatialDims.join(', ')}; resolution ${sum.resolution.join(' x ')}`);
  const steps = new Set(files.map((f) => f.schema.nSteps));
  lines.push(
    `trajectories: ${sum.nTrajectories}; steps per trajectory: ${steps.size === 1 ? sum.nSteps : `${sum.nSteps}..${Math.max(...steps)}`}`,
  );
  const row = (f: (typeof s.fields)[number]) =>
    `  ${f.name.padEnd(16)} t${f.order}  [${f.shape.join(', ')}]${f.order > 0 ? `  -> ${f.channels.join(', ')}` : ''}${f.dimVarying.every(Boolean) ? '' : `  (dim_varying ${JSON.stringify(f.dimVarying)})`}`;
  lines.push('fields (channel order, stored shape):');
  for (const f of s.fields.filter((x) => x.timeVarying)) lines.push(row(f));
  const consts = s.fields.filter((x) => !x.timeVarying);
  lines.push(consts.length ? 'constant fields:' : 'constant fields: none');
  for (const f of consts) lines.push(row(f));
  lines.push(`channels (${sum.channels.length}): ${sum.channels.join(', ')}`);
  lines.push(s.scalars.length ? 'scalars:' : 'scalars: none');
  for (const sc of s.scalars) {
    const v = sum.scalars[sc.name]!;
    const kind = [sc.sampleVarying ? 'per trajectory' : '', sc.timeVarying ? 'time-varying' : 'constant'].filter(Boolean).join(', ');
    const shown = Array.isArray(v)
      ? v.length > 8
        ? `${v.length} values in [${v[0]}, ${v[v.length - 1]}]`
        : `[${v.join(', ')}]`
      : String(v);
    lines.push(`  ${sc.name} = ${shown} (${kind})`);
  }
  lines.push('boundary codes (WALL=0, OPEN=1, PERIODIC=2):');
  sum.boundaryCodes.forEach(([lo, hi], d) =>
    lines.push(`  ${sum.spatialDims[d]}: lower ${CODE_NAMES[lo!]} (${lo}), upper ${CODE_NAMES[hi!]} (${hi})`),
  );
  return lines.join('\n');
}

/**
 * Entry point of `lola-train data inspect`. `io` defaults to the console (tests pass their own).
 * Exit codes: 0 ok, 1 unreadable or malformed input (the message names the file and object), 2 usage.
 */
export async function runInspect(
  argv: string[],
  io: { out: (s: string) => void; err: (s: string) => void } = { out: (s) => console.log(s), err: (s) => console.error(s) },
): Promise<number> {
  let json: boolean, path: string;
  try {
    const { values, positionals } = flags(argv, { json: { type: 'boolean', default: false } }, true);
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw new Error('expected exactly one PATH');
    [json, path] = [values.json, positionals[0]!];
  } catch (err) {
    io.err(`lola-train data inspect: ${errorMessage(err)}\n${USAGE}`);
    return 2;
  }
  let files: WellFile[] = [];
  try {
    const { files: paths, splits } = listFiles(path);
    files = await openWellFiles(paths);
    const sum = summarize(files);
    io.out(json ? JSON.stringify(sum) : text(path, files, splits, sum));
    return 0;
  } catch (err) {
    io.err(`lola-train data inspect: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    for (const f of files) f.close();
  }
}
