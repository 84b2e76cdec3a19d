/**
 * End to end (docs/architecture.md §6, issue 9): the tiny three-rate sweep of configs/pipeline-tiny.yaml
 * through every stage — data, AE, latent cache, DM and NS, rollouts, scores. Submitted through
 * sbatch (arrays + afterok) when a Slurm cluster answers (CI starts a one-node cluster), else run
 * with the local launcher; then every run directory and result record is checked.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lolaTrain } from '../testing/lola-train.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const slurmUp = spawnSync('sinfo', ['-h', '-o', '%t'], { encoding: 'utf8' }).stdout?.includes('idle') ?? false;
const launcher = slurmUp ? 'slurm' : 'local';

describe(`tiny sweep through every stage (${launcher} launcher)`, () => {
  it('produces every run directory and a result record per method and compression rate', () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'lola-sweep-'));
    const res = lolaTrain(
      ['pipeline', '--config', 'configs/pipeline-tiny.yaml', '--launcher', launcher, ...(slurmUp ? ['--wait'] : []), `workdir=${work}`],
      { cwd: repo, timeoutMs: 840_000 },
    );
    if (res.code !== 0) console.error(res.stdout.slice(-4000), res.stderr.slice(-4000));
    expect(res.code).toBe(0);
    for (const lat of ['4', '2', '1']) {
      for (const run of [`ae-${lat}`, `dm-${lat}`, `ns-${lat}`]) {
        expect(existsSync(path.join(work, run, 'config.yaml')), run).toBe(true);
        expect(existsSync(path.join(work, run, 'last/weights.safetensors')), run).toBe(true);
        expect(
          readFileSync(path.join(work, run, 'log.jsonl'), 'utf8')
            .trim()
            .split('\n').length,
          run,
        ).toBeGreaterThan(1);
      }
      expect(existsSync(path.join(work, `latents-${lat}`, 'cache.yaml'))).toBe(true);
      for (const m of ['ae', 'dm', 'ns']) expect(existsSync(path.join(work, 'rollouts', `${m}-${lat}`, 'rollout.json'))).toBe(true);
    }
    const records = readFileSync(path.join(work, 'results.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { method: string; compressionRate: number; measures: { vrmse?: { value: number } } });
    const seen = new Set(records.map((r) => `${r.method}@${r.compressionRate}`));
    // lola-eval score adds its baselines (persistence, mean) once for the rollouts' common trajectories.
    expect([...seen].sort()).toEqual([
      'ae@20',
      'ae@40',
      'ae@80',
      'dm@20',
      'dm@40',
      'dm@80',
      'mean@1',
      'ns@20',
      'ns@40',
      'ns@80',
      'persistence@1',
    ]);
    expect(records.every((r) => Number.isFinite(r.measures.vrmse?.value))).toBe(true);
    expect(existsSync(path.join(work, 'results.csv'))).toBe(true);
    // Nothing finished is redone.
    const again = lolaTrain(
      ['pipeline', '--config', 'configs/pipeline-tiny.yaml', '--launcher', launcher, ...(slurmUp ? ['--wait'] : []), `workdir=${work}`],
      { cwd: repo, timeoutMs: 120_000 },
    );
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(slurmUp ? /score: complete, skipped/ : /0 run, 23 already complete/);
    rmSync(work, { recursive: true, force: true });
  }, 900_000);
});
