/**
 * Local launcher: runs the pipeline graph on this machine with the same skip rule as Slurm (an
 * element whose completion marker exists is not run again) and the same `afterok` rule (a stage
 * runs only if every element of the stages it depends on succeeded).
 *
 * With `jobs` = 1 (the default) elements run one at a time, stage by stage in dependency order.
 * With `jobs` = N, up to N elements run at once, each as soon as the stages it depends on are
 * complete; elements are started in plan order, so the order of a serial run is kept as far as the
 * dependencies allow. On a small CPU two concurrent trainings use the cores better than one (the
 * serial parts of one step overlap with the other's kernels).
 */
import { existsSync } from 'node:fs';
import { runElement } from './element.js';
import type { ElementSpec, StagePlan } from './graph.js';

export interface LocalResult {
  ok: boolean;
  failures: { stage: string; id: string; jobId: string; code: number; logFile: string }[];
  skipped: string[];
  ran: string[];
}

export interface LocalOptions {
  /** Elements running at once (default 1). */
  jobs?: number;
  log?: (line: string) => void;
}

interface Task {
  plan: StagePlan;
  el: ElementSpec;
}

export async function runLocal(plans: StagePlan[], options: LocalOptions | ((line: string) => void) = {}): Promise<LocalResult> {
  const opts: LocalOptions = typeof options === 'function' ? { log: options } : options;
  const log = opts.log ?? ((l: string) => console.error(l));
  const jobs = opts.jobs ?? 1;
  if (!Number.isInteger(jobs) || jobs < 1) throw new RangeError(`runLocal: jobs must be a positive integer, got ${jobs}`);
  const result: LocalResult = { ok: true, failures: [], skipped: [], ran: [] };
  const total = plans.reduce((n, p) => n + p.elements.length, 0);
  const started = Date.now();
  const failedStages = new Set<string>();
  const doneStages = new Set<string>(plans.filter((p) => p.elements.length === 0).map((p) => p.name));
  const remaining = new Map<string, number>(plans.map((p) => [p.name, p.elements.length]));
  const pending: Task[] = plans.flatMap((plan) => plan.elements.map((el) => ({ plan, el })));
  const running = new Set<Promise<void>>();
  let position = 0;

  const finishOne = (plan: StagePlan) => {
    const left = remaining.get(plan.name)! - 1;
    remaining.set(plan.name, left);
    if (left === 0 && !failedStages.has(plan.name)) doneStages.add(plan.name);
  };
  const blocked = (plan: StagePlan) => plan.after.filter((d) => failedStages.has(d));
  const ready = (plan: StagePlan) => plan.after.every((d) => doneStages.has(d));

  const start = (task: Task) => {
    const { plan, el } = task;
    position++;
    const label = `${plan.name}/${el.id} [${position}/${total}, ${((Date.now() - started) / 1000).toFixed(0)} s]`;
    if (existsSync(el.doneFile)) {
      log(`[pipeline] ${label}: complete, skipped`);
      result.skipped.push(label);
      finishOne(plan);
      return;
    }
    const jobId = `local-${plan.name}-${el.index}`;
    log(`[pipeline] ${label}: running (${jobId}), log ${el.logFile}`);
    const p: Promise<void> = runElement(el, jobId).then((code) => {
      running.delete(p);
      result.ran.push(label);
      if (code !== 0) {
        log(`[pipeline] ${plan.name}/${el.id}: FAILED (${jobId}) with exit code ${code}; log: ${el.logFile}`);
        result.failures.push({ stage: plan.name, id: el.id, jobId, code, logFile: el.logFile });
        failedStages.add(plan.name);
        result.ok = false;
      } else if (jobs > 1) {
        log(`[pipeline] ${plan.name}/${el.id}: done (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      }
      finishOne(plan);
    });
    running.add(p);
  };

  for (;;) {
    // Drop every task whose inputs failed (a whole stage at a time, as Slurm's afterok does).
    for (let i = 0; i < pending.length;) {
      const plan = pending[i]!.plan;
      const by = blocked(plan);
      if (by.length === 0) {
        i++;
        continue;
      }
      log(`[pipeline] ${plan.name}: not run, its inputs failed (${by.join(', ')})`);
      failedStages.add(plan.name);
      for (let j = pending.length - 1; j >= 0; j--) if (pending[j]!.plan === plan) pending.splice(j, 1);
    }
    // Start ready tasks in plan order while slots are free (skipped ones take no slot).
    let startedAny = false;
    for (let i = 0; i < pending.length && running.size < jobs;) {
      const task = pending[i]!;
      // Serial runs keep the strict stage-by-stage order.
      if (!ready(task.plan) || (jobs === 1 && i > 0)) {
        if (jobs === 1) break;
        i++;
        continue;
      }
      pending.splice(i, 1);
      start(task);
      startedAny = true;
    }
    if (pending.length === 0 && running.size === 0) break;
    if (running.size > 0) await Promise.race(running);
    else if (!startedAny) {
      // Nothing running and nothing startable: the rest waits on stages that can never finish.
      for (const t of pending) log(`[pipeline] ${t.plan.name}/${t.el.id}: not run, its inputs did not complete`);
      result.ok = false;
      break;
    }
  }
  return result;
}
