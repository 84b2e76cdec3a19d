/**
 * The commands as a user meets them: --help, bad options, an unwritable --out (fails at once, not
 * after the work, nor by hanging), and SIGTERM during scoring (exit 143, nothing written).
 */
import { Rng } from '@lola-ts/numerics';
import { createWellFile } from '@lola-ts/well-data';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RolloutManifest } from '../rollouts/manifest.js';
import { commands } from './index.js';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

/** Runs `lola-eval ...` in a child process; kills it after `timeoutMs` (a hang fails the test instead of stalling it). */
function cli(args: string[], opts: { timeoutMs?: number; onStderr?: (text: string, kill: (sig: NodeJS.Signals) => void) => void } = {}) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }>((resolve) => {
    const child = spawn(process.execPath, ['--conditions=@lola-ts/source', '--import', 'tsx', MAIN, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '',
      stdout = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => {
      stderr += String(d);
      opts.onStderr?.(stderr, (sig) => child.kill(sig));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr, stdout });
    });
  });
}

afterEach(() => vi.restoreAllMocks());

describe('lola-eval commands', () => {
  it('--help prints the usage and exits 0; an unknown option exits 2 with the usage', async () => {
    for (const name of ['rollout', 'score', 'report'] as const) {
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      const err = vi.spyOn(console, 'error').mockImplementation(() => {});
      const command = await commands[name]!.load();
      expect(await command.run(['--help'])).toBe(0);
      expect(String(log.mock.calls[0]?.[0])).toMatch(new RegExp(`^usage: lola-eval ${name} `));
      expect(await command.run(['-h'])).toBe(0);
      expect(await command.run(['--bogus'])).toBe(2);
      expect(String(err.mock.calls.at(-1)?.[0])).toMatch(
        new RegExp(`^lola-eval ${name}: Unknown option '--bogus'[^]*usage: lola-eval ${name}`),
      );
      vi.restoreAllMocks();
    }
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await (await commands.report!.load()).run(['--help'])).toBe(0);
    expect(String(log.mock.calls[0]?.[0])).toMatch(/--runs DIR +a training run directory/);
  });

  it('an unwritable --out (/proc/x) fails at once, naming it, for rollout, score and report', async () => {
    const runs = await Promise.all([
      cli(['rollout', '--model', '/nonexistent/run', '--data', '/nonexistent/data', '--out', '/proc/x/rollouts'], { timeoutMs: 45_000 }),
      cli(['score', '--pred', '/nonexistent/rollout', '--out', '/proc/x/results.jsonl'], { timeoutMs: 45_000 }),
      cli(['report', '--results', '/nonexistent/results.jsonl', '--out', '/proc/x/report.html'], { timeoutMs: 45_000 }),
    ]);
    for (const r of runs) {
      expect(r.signal).toBeNull(); // not killed by the timeout
      expect(r.code).toBe(1);
    }
    expect(runs[0]!.stderr).toMatch(
      /^lola-eval: cannot create rollout directory \(--out\) \/proc\/x\/rollouts: \/proc\/x cannot be created \(ENOENT\)$/m,
    );
    expect(runs[1]!.stderr).toMatch(
      /^lola-eval: results file \(--out\) \/proc\/x\/results\.jsonl: cannot create output directory \/proc\/x: \/proc\/x cannot be created \(ENOENT\)$/m,
    );
    expect(runs[2]!.stderr).toMatch(
      /^lola-eval: report \(--out\) \/proc\/x\/report\.html: cannot create output directory \/proc\/x: \/proc\/x cannot be created \(ENOENT\)$/m,
    );
  }, 60_000);

  it('SIGTERM while scoring stops after the current trajectory: exit 143, nothing written', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lola-sig-'));
    const N = 8,
      T = 5,
      K = 150;
    const coords = { x: Float32Array.from({ length: N }, (_, i) => i), y: Float32Array.from({ length: N }, (_, i) => i) };
    const spec = {
      datasetName: 'toy',
      spatialDims: ['x', 'y'],
      coordinates: coords,
      boundaryConditions: { x: 'PERIODIC', y: 'PERIODIC' } as const,
      parameters: {},
      fields: [{ name: 'a' }],
    };
    const r = new Rng(1);
    const truth = await createWellFile(path.join(dir, 'toy/data/test/f.hdf5'), {
      ...spec,
      time: Float32Array.from({ length: T }, (_, i) => i),
    });
    await truth.appendTrajectory({ a: r.fillNormal(new Float32Array(T * N * N)) });
    await truth.close();
    mkdirSync(path.join(dir, 'roll'));
    const pred = await createWellFile(path.join(dir, 'roll/data/test/f.hdf5'), {
      ...spec,
      time: Float32Array.from({ length: T }, (_, i) => i),
    });
    for (let k = 0; k < K; k++) await pred.appendTrajectory({ a: r.fillNormal(new Float32Array(T * N * N)) });
    await pred.close();
    const manifest: RolloutManifest = {
      method: 'ns',
      compressionRate: 1,
      dataset: 'toy',
      datasetDir: path.join(dir, 'toy'),
      split: 'test',
      context: 1,
      stride: 1,
      start: 0,
      frames: T,
      ensembleSize: 1,
      samplerSteps: null,
      model: null,
      sources: Array.from({ length: K }, () => ({ file: 'f.hdf5', traj: 0, sliceStart: 0 })),
      files: Array.from({ length: K }, () => 'data/test/f.hdf5'),
    };
    writeFileSync(path.join(dir, 'roll/rollout.json'), JSON.stringify(manifest));
    const out = path.join(dir, 'results.jsonl');
    let sent = false;
    const res = await cli(['score', '--pred', path.join(dir, 'roll'), '--out', out], {
      onStderr: (text, kill) => {
        if (!sent && /\[score\] 2\/150/.test(text)) {
          sent = true;
          kill('SIGTERM');
        }
      },
    });
    expect(sent).toBe(true);
    expect(res.stderr).toMatch(/SIGTERM received, stopping after the current trajectory/);
    expect(res.stderr).toMatch(/interrupted; .*results\.jsonl not written/);
    expect(res.stderr).not.toMatch(/\[score\] 150\/150/);
    expect(res.code).toBe(143);
    expect(existsSync(out)).toBe(false);
  }, 90_000);
});
