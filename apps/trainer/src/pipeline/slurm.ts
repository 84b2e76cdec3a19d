/**
 * Slurm launcher (docs/distributed.md §2): one batch script per stage, a job array over the
 * stage's incomplete elements, `afterok` dependencies on the upstream arrays, submitted with
 * `sbatch --parsable` through execFile (no shell). Each array element runs
 * `lola-train pipeline-element SPEC` with its spec picked by SLURM_ARRAY_TASK_ID.
 */
import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { ensureParentDir } from '@lola-ts/well-data';
import path from 'node:path';
import type { PipelineConfig } from './config.js';
import { writeJsonAtomic } from './element.js';
import { type StagePlan, stateDir } from './graph.js';
import { programCommand } from './programs.js';

export interface Submission {
  stage: string;
  jobId: string;
  indices: number[];
  ids: string[];
  script: string;
  /** Slurm's own output file pattern for this array (%A = array job id, %a = element). */
  slurmLog: string;
  submittedAt: string;
}

export function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new Error(`'${cmd}' was not found on PATH: install Slurm's client tools (Debian: slurm-client) or use --launcher local`));
        return;
      }
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The batch script for one stage (written to disk so that a dry run shows exactly what is submitted). */
export function batchScript(
  config: PipelineConfig,
  plan: StagePlan,
  indices: number[],
  dependsOn: string[],
): { text: string; slurmLog: string } {
  const dir = stateDir(config);
  const r = plan.resources;
  const slurmLog = path.join(dir, 'logs', plan.name, 'slurm-%A_%a.out');
  const lines = [
    '#!/bin/bash',
    `#SBATCH --job-name=${config.name}-${plan.name}`,
    `#SBATCH --array=${indices.join(',')}${r.throttle ? `%${r.throttle}` : ''}`,
    `#SBATCH --output=${slurmLog}`,
  ];
  if (r.cpus) lines.push(`#SBATCH --cpus-per-task=${r.cpus}`);
  if (r.gpus) lines.push(`#SBATCH --gres=gpu:${r.gpus}`);
  if (r.mem) lines.push(`#SBATCH --mem=${r.mem}`);
  if (r.time) lines.push(`#SBATCH --time=${r.time}`);
  if (r.partition) lines.push(`#SBATCH --partition=${r.partition}`);
  if (r.account) lines.push(`#SBATCH --account=${r.account}`);
  if (r.constraint) lines.push(`#SBATCH --constraint=${r.constraint}`);
  if (dependsOn.length) lines.push(`#SBATCH --dependency=afterok:${dependsOn.join(':')}`, '#SBATCH --kill-on-invalid-dep=yes');
  const { file, args } = programCommand('lola-train', ['pipeline-element']);
  const specDir = path.join(dir, 'specs', plan.name);
  lines.push(
    'set -eo pipefail',
    `cd ${quote(process.cwd())}`,
    `exec ${[file, ...args].map(quote).join(' ')} ${quote(specDir + '/')}"\${SLURM_ARRAY_TASK_ID}.json"`,
    '',
  );
  return { text: lines.join('\n'), slurmLog };
}

export interface SlurmOptions {
  dryRun: boolean;
  log?: (line: string) => void;
  /** Prints each script (dry run). */
  print?: (text: string) => void;
}

/** Submits every stage with incomplete elements; returns the submissions made (none in a dry run). */
export async function submitSlurm(config: PipelineConfig, plans: StagePlan[], opts: SlurmOptions): Promise<Submission[]> {
  const log = opts.log ?? ((l: string) => console.error(l));
  const dir = stateDir(config);
  const jobOf = new Map<string, string>();
  const submissions: Submission[] = [];
  if (!opts.dryRun) {
    const probe = await run('sbatch', ['--version']);
    if (probe.code !== 0) throw new Error(`sbatch --version failed: ${probe.stderr.trim()}`);
  }
  for (const plan of plans) {
    const pending = plan.elements.filter((e) => !existsSync(e.doneFile));
    if (pending.length === 0) {
      log(`[pipeline] ${plan.name}: complete, skipped`);
      continue;
    }
    const deps = plan.after.map((d) => jobOf.get(d)).filter((id): id is string => id !== undefined);
    for (const el of pending) writeJsonAtomic(path.join(dir, 'specs', plan.name, `${el.index}.json`), el);
    const { text, slurmLog } = batchScript(
      config,
      plan,
      pending.map((e) => e.index),
      opts.dryRun ? plan.after.filter((d) => jobOf.has(d)).map((d) => `\${${d}_JOBID}`) : deps,
    );
    const script = path.join(dir, 'scripts', `${plan.name}.sbatch`);
    ensureParentDir(script, 'Slurm script directory');
    ensureParentDir(slurmLog, 'Slurm log directory');
    writeFileSync(script, text, { mode: 0o755 });
    if (opts.dryRun) {
      (opts.print ?? console.log)(`# ---- ${script} (elements: ${pending.map((e) => e.id).join(', ')})\n${text}`);
      jobOf.set(plan.name, `\${${plan.name}_JOBID}`);
      continue;
    }
    const res = await run('sbatch', ['--parsable', script]);
    const jobId = res.stdout.trim().split(';')[0] ?? '';
    if (res.code !== 0 || !/^\d+$/.test(jobId)) {
      throw new Error(
        `sbatch rejected stage '${plan.name}' (exit ${res.code}): ${res.stderr.trim() || res.stdout.trim()}; script: ${script}`,
      );
    }
    jobOf.set(plan.name, jobId);
    const sub: Submission = {
      stage: plan.name,
      jobId,
      indices: pending.map((e) => e.index),
      ids: pending.map((e) => e.id),
      script,
      slurmLog,
      submittedAt: new Date().toISOString(),
    };
    appendFileSync(path.join(dir, 'submissions.jsonl'), JSON.stringify(sub) + '\n');
    submissions.push(sub);
    log(
      `[pipeline] ${plan.name}: submitted job ${jobId} (array ${sub.indices.join(',')}${deps.length ? `, afterok:${deps.join(':')}` : ''}); logs ${slurmLog}`,
    );
  }
  return submissions;
}
