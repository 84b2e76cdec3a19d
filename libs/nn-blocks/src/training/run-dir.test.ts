import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openRun } from './run-dir.js';

describe('openRun cross-checks the checkpoint state', () => {
  const root = mkdtempSync(join(tmpdir(), 'run-dir-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('removes .last.tmp-* leftovers of a killed process', () => {
    const run = join(root, 'a');
    const stale = join(run, '.last.tmp-999999-abc-1');
    mkdirSync(stale, { recursive: true });
    writeFileSync(join(stale, 'weights.safetensors'), 'x');
    const opened = openRun(run, { train: { steps: 1 } });
    expect(opened.resumeFrom).toBeNull();
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(join(run, 'config.yaml'))).toBe(true);
  });

  it('refuses weights without state.json instead of silently restarting from step 0', () => {
    const run = join(root, 'b');
    mkdirSync(join(run, 'last'), { recursive: true });
    writeFileSync(join(run, 'last', 'weights.safetensors'), 'x');
    expect(() => openRun(run, { train: { steps: 1 } })).toThrow(/last\/weights\.safetensors exists but .*last\/state\.json is missing/);
  });
});
