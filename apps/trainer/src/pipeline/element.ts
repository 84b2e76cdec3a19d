/**
 * Runs one pipeline element: the stage's program with its expanded arguments, its output copied
 * to the element log, and a completion marker written atomically on success. The same runner
 * serves the local launcher and Slurm array jobs (which pick their spec by SLURM_ARRAY_TASK_ID).
 */
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ElementSpec } from './graph.js';
import { programCommand } from './programs.js';
import { ensureParentDir } from '@lola-ts/well-data';

export function writeJsonAtomic(file: string, value: unknown): void {
  ensureParentDir(file);
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(value, null, 2) + '\n');
  renameSync(tmp, file);
}

export function readSpec(file: string): ElementSpec {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ElementSpec;
  } catch (err) {
    throw new Error(`${file}: cannot read the element spec (${(err as Error).message})`);
  }
}

/** Runs the element and resolves with its exit code; writes `spec.doneFile` when it is 0. */
export async function runElement(spec: ElementSpec, jobId?: string): Promise<number> {
  ensureParentDir(spec.logFile, 'log directory');
  const log = createWriteStream(spec.logFile, { flags: 'a' });
  const { file, args } = programCommand(spec.program, spec.argv);
  const started = new Date();
  log.write(`# ${started.toISOString()} ${spec.stage}/${spec.id}${jobId ? ` job ${jobId}` : ''}: ${spec.program} ${spec.argv.join(' ')}\n`);
  const code = await new Promise<number>((resolve) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    child.stdout.on('data', (d: Buffer) => {
      process.stdout.write(d);
      log.write(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      process.stderr.write(d);
      log.write(d);
    });
    child.on('error', (err) => {
      log.write(`failed to start: ${err.message}\n`);
      resolve(127);
    });
    child.on('close', (c, signal) => resolve(c ?? (signal ? 128 : 1)));
  });
  log.write(`# exit ${code} after ${((Date.now() - started.getTime()) / 1000).toFixed(1)} s\n`);
  await new Promise<void>((r) => log.end(r));
  if (code === 0) {
    writeJsonAtomic(spec.doneFile, {
      stage: spec.stage,
      id: spec.id,
      jobId: jobId ?? null,
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
    });
  }
  return code;
}
