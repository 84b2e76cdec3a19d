/**
 * Pipeline status from the completion markers and Slurm's own view (squeue while jobs are
 * pending or running, scontrol for finished ones within MinJobAge). No accounting database needed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PipelineConfig } from './config.js';
import { type StagePlan, stateDir } from './graph.js';
import { run, type Submission } from './slurm.js';

export interface ElementStatus {
  stage: string;
  id: string;
  index: number;
  state: string;
  jobId: string | null;
  exitCode: string | null;
  log: string;
}

export function readSubmissions(config: PipelineConfig): Submission[] {
  const file = path.join(stateDir(config), 'submissions.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Submission);
}

/** Per array element `<job>_<index>` → state, from squeue (active jobs only). */
async function squeueStates(jobIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!jobIds.length) return out;
  const res = await run('squeue', ['-h', '-r', '-j', jobIds.join(','), '-o', '%i %T']);
  for (const line of res.stdout.split('\n')) {
    const [id, state] = line.trim().split(/\s+/);
    if (id && state) out.set(id, state);
  }
  return out;
}

/** Per array element → {state, exit code}, from `scontrol show job` (finished jobs within MinJobAge). */
async function scontrolStates(jobId: string): Promise<Map<string, { state: string; exit: string }>> {
  const out = new Map<string, { state: string; exit: string }>();
  const res = await run('scontrol', ['show', 'job', jobId]);
  if (res.code !== 0) return out;
  for (const record of res.stdout.split(/\n\s*\n/)) {
    const get = (k: string) => new RegExp(`\\b${k}=(\\S+)`).exec(record)?.[1];
    const arrayJob = get('ArrayJobId');
    const task = get('ArrayTaskId');
    const state = get('JobState');
    if (arrayJob && task && state && /^\d+$/.test(task)) out.set(`${arrayJob}_${task}`, { state, exit: get('ExitCode') ?? '?' });
  }
  return out;
}

export async function pipelineStatus(config: PipelineConfig, plans: StagePlan[], useSlurm: boolean): Promise<ElementStatus[]> {
  const subs = readSubmissions(config);
  const latest = new Map<string, Submission>(); // `${stage}/${index}` -> last submission containing it
  for (const s of subs) for (const i of s.indices) latest.set(`${s.stage}/${i}`, s);
  const active = useSlurm ? await squeueStates([...new Set(subs.map((s) => s.jobId))]) : new Map<string, string>();
  const finishedCache = new Map<string, Map<string, { state: string; exit: string }>>();
  const rows: ElementStatus[] = [];
  for (const plan of plans) {
    for (const el of plan.elements) {
      const sub = latest.get(`${plan.name}/${el.index}`);
      const jobId = sub ? `${sub.jobId}_${el.index}` : null;
      const log = sub ? sub.slurmLog.replace('%A', sub.jobId).replace('%a', String(el.index)) : el.logFile;
      if (existsSync(el.doneFile)) {
        rows.push({ stage: plan.name, id: el.id, index: el.index, state: 'COMPLETED', jobId, exitCode: '0:0', log });
        continue;
      }
      let state = sub ? 'UNKNOWN' : 'NOT SUBMITTED';
      let exitCode: string | null = null;
      if (sub && useSlurm) {
        const a = active.get(jobId!);
        if (a) state = a;
        else {
          if (!finishedCache.has(sub.jobId)) finishedCache.set(sub.jobId, await scontrolStates(sub.jobId));
          const f = finishedCache.get(sub.jobId)!.get(jobId!);
          if (f) {
            state = f.state;
            exitCode = f.exit;
          } else state = 'ENDED (no completion marker: failed or cancelled)';
        }
      }
      rows.push({ stage: plan.name, id: el.id, index: el.index, state, jobId, exitCode, log });
    }
  }
  return rows;
}

export function formatStatus(rows: ElementStatus[]): string {
  const header = ['stage', 'element', 'state', 'job', 'exit', 'log'];
  const table = [header, ...rows.map((r) => [r.stage, r.id, r.state, r.jobId ?? '-', r.exitCode ?? '-', r.log])];
  const widths = header.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  return table.map((row) => row.map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ')).join('\n');
}
