import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePipelineConfig } from './config.js';
import { planPipeline } from './graph.js';
import { runLocal } from './local.js';

/** Toy graph data -> ae(3 rates) -> dm/ns(3 rates) whose steps log start/end and sleep a little. */
function toy(dir: string, fail = '') {
  const step = path.join(dir, 'step.mjs');
  writeFileSync(
    step,
    `import fs from 'node:fs';
const [log, tag, fail] = process.argv.slice(2);
fs.appendFileSync(log, 'start ' + tag + '\\n');
await new Promise((r) => setTimeout(r, 150));
fs.appendFileSync(log, 'end ' + tag + '\\n');
process.exit(fail === tag ? 3 : 0);
`,
  );
  const log = path.join(dir, 'events.txt');
  const cfg = parsePipelineConfig(
    {
      name: 'toy',
      workdir: path.join(dir, 'work'),
      sweep: { rate: ['c64', 'c16', 'c4'] },
      local: { jobs: 2 },
      stages: {
        data: { run: ['node', step, log, 'data', fail] },
        ae: { after: ['data'], over: ['rate'], run: ['node', step, log, 'ae-{rate}', fail] },
        dm: { after: ['ae'], over: ['rate'], run: ['node', step, log, 'dm-{rate}', fail] },
        ns: { after: ['ae'], over: ['rate'], run: ['node', step, log, 'ns-{rate}', fail] },
        eval: { after: ['dm'], run: ['node', step, log, 'eval', fail] },
      },
    },
    'toy.yaml',
  );
  return { plans: planPipeline(cfg), log, jobs: cfg.local.jobs };
}

function events(log: string): string[] {
  return readFileSync(log, 'utf8').trim().split('\n');
}

describe('runLocal with several jobs', () => {
  it('runs up to N elements at once and never starts one before its inputs are done', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lola-local-'));
    const { plans, log, jobs } = toy(dir);
    expect(jobs).toBe(2);
    const res = await runLocal(plans, { jobs, log: () => {} });
    expect(res.ok).toBe(true);
    const ev = events(log);
    let active = 0;
    let peak = 0;
    for (const e of ev) {
      active += e.startsWith('start') ? 1 : -1;
      peak = Math.max(peak, active);
    }
    expect(peak).toBe(2);
    const at = (e: string) => ev.indexOf(e);
    for (const r of ['c64', 'c16', 'c4']) {
      expect(at(`start ae-${r}`)).toBeGreaterThan(at('end data'));
      for (const s of ['dm', 'ns']) for (const a of ['c64', 'c16', 'c4']) expect(at(`start ${s}-${r}`)).toBeGreaterThan(at(`end ae-${a}`));
      expect(at('start eval')).toBeGreaterThan(at(`end dm-${r}`));
    }
    expect(ev.filter((e) => e.startsWith('start'))).toHaveLength(11);
  });

  it('keeps running independent stages when one fails, and blocks only what depends on it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lola-local-'));
    const { plans, log } = toy(dir, 'dm-c16');
    const lines: string[] = [];
    const res = await runLocal(plans, { jobs: 2, log: (l) => lines.push(l) });
    expect(res.ok).toBe(false);
    expect(res.failures.map((f) => `${f.stage}/${f.id}`)).toEqual(['dm/c16']);
    const started = events(log).filter((e) => e.startsWith('start'));
    for (const r of ['c64', 'c16', 'c4']) expect(started).toContain(`start ns-${r}`);
    expect(started).not.toContain('start eval');
    expect(lines.some((l) => /eval: not run, its inputs failed \(dm\)/.test(l))).toBe(true);
  });

  it('with one job keeps the strict serial order', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lola-local-'));
    const { plans, log } = toy(dir);
    const res = await runLocal(plans, { jobs: 1, log: () => {} });
    expect(res.ok).toBe(true);
    const order = events(log)
      .filter((e) => e.startsWith('start'))
      .map((e) => e.slice(6));
    expect(order).toEqual(['data', 'ae-c64', 'ae-c16', 'ae-c4', 'dm-c64', 'dm-c16', 'dm-c4', 'ns-c64', 'ns-c16', 'ns-c4', 'eval']);
  });
});
