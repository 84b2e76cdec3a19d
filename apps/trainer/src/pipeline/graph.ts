/**
 * Expands a pipeline config into a graph of stages and their elements (one element per point of
 * the stage's sweep axes), in dependency order. Element specs are what a job runs: the program,
 * the expanded argument list, and where its log and completion marker live.
 */
import path from 'node:path';
import type { PipelineConfig, ProgramName, Resources } from './config.js';

export interface ElementSpec {
  pipeline: string;
  stage: string;
  /** Position in the stage's array (stable across runs of the same config). */
  index: number;
  /** Sweep point, e.g. `{ rate: 'c16' }`; `id` joins its values (`c16`), or `main` with no axes. */
  point: Record<string, string>;
  id: string;
  program: ProgramName;
  argv: string[];
  /** Marker written when the element finished successfully. */
  doneFile: string;
  /** The element's own log (the launcher's job log also captures it). */
  logFile: string;
}

export interface StagePlan {
  name: string;
  after: string[];
  resources: Resources;
  elements: ElementSpec[];
}

/** Directory holding the pipeline's bookkeeping: specs, scripts, logs, markers, submissions. */
export function stateDir(config: PipelineConfig): string {
  return path.join(config.workdir, '.pipeline');
}

function cartesian(axes: string[], sweep: Record<string, string[]>): Record<string, string>[] {
  let points: Record<string, string>[] = [{}];
  for (const axis of axes) points = points.flatMap((p) => sweep[axis]!.map((v) => ({ ...p, [axis]: v })));
  return points;
}

function expand(template: string, vars: Record<string, string>, where: string): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => {
    const v = vars[key];
    if (v === undefined)
      throw new Error(
        `${where}: unknown placeholder ${m} (known: ${Object.keys(vars)
          .map((k) => `{${k}}`)
          .join(', ')})`,
      );
    return v;
  });
}

/** Topologically ordered stage plans; throws on a dependency cycle. */
export function planPipeline(config: PipelineConfig): StagePlan[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, trail: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`${config.source}: stages form a cycle: ${[...trail, name].join(' -> ')}`);
    state.set(name, 'visiting');
    for (const dep of config.stages[name]!.after) visit(dep, [...trail, name]);
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of Object.keys(config.stages)) visit(name, []);

  const dir = stateDir(config);
  return order.map((name) => {
    const stage = config.stages[name]!;
    const elements = cartesian(stage.over, config.sweep).map((point, index): ElementSpec => {
      const id = stage.over.length ? stage.over.map((a) => point[a]).join('-') : 'main';
      const vars = { workdir: config.workdir, name: config.name, stage: name, index: String(index), ...point };
      const [program, ...args] = stage.run;
      return {
        pipeline: config.name,
        stage: name,
        index,
        point,
        id,
        program: program as ProgramName,
        argv: args.map((a, i) => expand(a, vars, `${config.source}: stages.${name}.run[${i + 1}]`)),
        doneFile: path.join(dir, 'done', name, `${id}.json`),
        logFile: path.join(dir, 'logs', name, `${id}.log`),
      };
    });
    return { name, after: stage.after, resources: { ...config.slurm, ...stage.resources }, elements };
  });
}
