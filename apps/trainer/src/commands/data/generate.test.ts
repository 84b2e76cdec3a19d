import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDataset } from '@lola-ts/simulators';
import { openWellFile } from '@lola-ts/well-data';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { lolaTrain } from '../../testing/lola-train.js';
import { runGenerate } from './generate.js';

const root = mkdtempSync(path.join(tmpdir(), 'lola-train-data-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const main = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../main.ts');
const DS = 'euler_multi_quadrants_openBC';
const FILE = `${DS}_gamma_1.4_Dry_air_20.hdf5`;

async function readTrajectories(file: string): Promise<Float32Array[]> {
  const f = await openWellFile(file);
  try {
    return Array.from({ length: f.schema.nTrajectories }, (_, t) => f.readFields(t).data);
  } finally {
    f.close();
  }
}

describe('lola-train data (generate)', () => {
  it('rejects bad arguments with exit code 2 and a clear message', async () => {
    const cases: [string[], RegExp][] = [
      [['--out', root], /--system is required/],
      [['--system', 'navier', '--out', root], /unknown --system 'navier'; available: euler/],
      [['--system', 'euler'], /--out is required/],
      [['--system', 'euler', '--out', root, '--resolution', 'x'], /--resolution must be an integer >= 4, got 'x'/],
      [['--system', 'euler', '--out', root, '--trajectories', '0'], /--trajectories must be an integer >= 1/],
      [['--system', 'euler', '--out', root, '--param', 'gamma'], /--param expects key=value, got 'gamma'/],
      [['--system', 'euler', '--out', root, '--param', 'gamma=1.5'], /gamma 1.5 is not one of The Well's values/],
      [['--system', 'euler', '--out', root, '--bc', 'wall'], /--bc must be 'open' or 'periodic'/],
      [['--system', 'euler', '--out', root, '--bogus'], /Unknown option '--bogus'/],
      [
        ['--system', 'euler', '--out', root, '--trajectories', '2'],
        /--trajectories 2 gives empty valid and test split\(s\) \(train 2, valid 0, test 0/,
      ],
      [['--system', 'euler', '--out', root, '--trajectories', '4'], /--trajectories 4 gives empty/],
    ];
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
    try {
      for (const [args, message] of cases) {
        errors.length = 0;
        expect(await runGenerate(args), args.join(' ')).toBe(2);
        expect(errors.join('\n')).toMatch(message);
      }
    } finally {
      spy.mockRestore();
    }
  });

  it('generates a dataset; a killed run resumes without redoing finished trajectories and gives the same data', async () => {
    const args = [
      'data',
      '--system',
      'euler',
      '--resolution',
      '16',
      '--frames',
      '41',
      '--trajectories',
      '6',
      '--param',
      'gamma=1.4',
      '--seed',
      '3',
      '--workers',
      '0',
    ];
    const out = path.join(root, 'killed');
    const sidecar = path.join(out, DS, 'generate.json');
    // Start, wait until at least one trajectory is on disk, then kill the process hard.
    const child = spawn(process.execPath, ['--conditions=@lola-ts/source', '--import', 'tsx', main, ...args, '--out', out], {
      stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    let doneBeforeKill = 0;
    for (let i = 0; i < 1500 && doneBeforeKill === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      if (existsSync(sidecar)) {
        try {
          const s = JSON.parse(readFileSync(sidecar, 'utf8')) as { files: Record<string, number> };
          doneBeforeKill = Object.values(s.files).reduce((a, b) => a + b, 0);
        } catch {
          // being replaced; retry
        }
      }
    }
    child.kill('SIGKILL');
    await exited;
    expect(doneBeforeKill).toBeGreaterThan(0);
    expect(doneBeforeKill).toBeLessThan(6);
    expect(existsSync(path.join(out, DS, 'data/train', FILE + '.partial'))).toBe(true);
    expect(existsSync(path.join(out, DS, 'data/train', FILE))).toBe(false);

    const resumed = lolaTrain([...args, '--out', out]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const m = /(\d+) trajectories written, (\d+) already done/.exec(resumed.stderr);
    expect(m).not.toBeNull();
    expect(Number(m![2])).toBeGreaterThanOrEqual(doneBeforeKill);
    expect(Number(m![1]) + Number(m![2])).toBe(6);
    expect(resumed.stdout.trim()).toBe(path.join(out, DS));
    expect(readdirSync(path.join(out, DS, 'data/train'))).toEqual([FILE]);

    // Same data as an uninterrupted run.
    const ref = path.join(root, 'reference');
    await generateDataset({
      system: 'euler',
      out: ref,
      systemOptions: { resolution: 16, frames: 41, params: { gamma: '1.4' } },
      trajectories: 6,
      seed: 3,
      workers: 0,
    });
    for (const split of ['train', 'valid', 'test']) {
      const a = await readTrajectories(path.join(out, DS, 'data', split, FILE));
      const b = await readTrajectories(path.join(ref, DS, 'data', split, FILE));
      expect(a.length).toBe(split === 'train' ? 4 : 1);
      expect(a).toEqual(b);
    }
  });
});
