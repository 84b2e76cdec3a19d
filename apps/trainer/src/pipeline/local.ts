/**
 * Local launcher: runs the pipeline graph on this machine, stage by stage in dependency order,
 * element by element, with the same skip rule as Slurm (an element whose completion marker exists
 * is not run again) and the same `afterok` rule (a stage runs only if every element of the stages
 * it depends on succeeded).
 */
import { existsSync } from 'node:fs';
import { runElement } from './element.js';
import type { StagePlan } from './graph.js';

export interface LocalResult {
  ok: boolean;
  failures: { stage: string; id: string; jobId: string; code: number; logFile: string }[];
  skipped: string[];
  ran: string[];
}

export async function runLocal(plans: StagePlan[], log: (line: string) => void = (l) => console.error(l)): Promise<LocalResult> {
  const failedStages = new Set<string>();
  const result: LocalResult = { ok: true, failures: [], skipped: [], ran: [] };
  const total = plans.reduce((n, p) => n + p.elements.length, 0);
  let position = 0;
  const started = Date.now();
  for (const plan of plans) {
    const blockedBy = plan.after.filter((d) => failedStages.has(d));
    if (blockedBy.length) {
      log(`[pipeline] ${plan.name}: not run, its inputs failed (${blockedBy.join(', ')})`);
      failedStages.add(plan.name);
      continue;
    }
    for (const el of plan.elements) {
      position++;
      const label = `${plan.name}/${el.id} [${position}/${total}, ${((Date.now() - started) / 1000).toFixed(0)} s]`;
      if (existsSync(el.doneFile)) {
        log(`[pipeline] ${label}: complete, skipped`);
        result.skipped.push(label);
        continue;
      }
      const jobId = `local-${plan.name}-${el.index}`;
      log(`[pipeline] ${label}: running (${jobId}), log ${el.logFile}`);
      const code = await runElement(el, jobId);
      result.ran.push(label);
      if (code !== 0) {
        log(`[pipeline] ${label}: FAILED (${jobId}) with exit code ${code}; log: ${el.logFile}`);
        result.failures.push({ stage: plan.name, id: el.id, jobId, code, logFile: el.logFile });
        failedStages.add(plan.name);
        result.ok = false;
      }
    }
  }
  return result;
}
