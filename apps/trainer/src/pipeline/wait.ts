/** Blocks until none of the given Slurm jobs is pending or running (polls squeue). */
import { run } from './slurm.js';

export async function waitForJobs(
  jobIds: string[],
  opts: { pollMs?: number; timeoutMs?: number; onPoll?: (active: number) => void } = {},
): Promise<void> {
  const pollMs = opts.pollMs ?? 2000;
  const deadline = Date.now() + (opts.timeoutMs ?? Number.POSITIVE_INFINITY);
  for (;;) {
    const res = await run('squeue', ['-h', '-r', '-j', jobIds.join(','), '-o', '%i']);
    // squeue exits non-zero once every listed job id is unknown (finished and purged).
    const active = res.code === 0 ? res.stdout.split('\n').filter((l) => l.trim()).length : 0;
    opts.onPoll?.(active);
    if (active === 0) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for Slurm jobs ${jobIds.join(', ')}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
