/** Builds a dashboard from a sample of records and opens it in headless Chromium (Debian's, installed by .ci/run). */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ReadRecord } from '@lola-ts/experiment';
import { commitsOf, costVsResolution, histories, latestVrmse } from './model.js';
import { renderDashboard } from './page.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function sample(): ReadRecord[] {
  const out: ReadRecord[] = [];
  ['c1', 'c2', 'c3'].forEach((commit, i) => {
    const date = `2026-11-2${i}T00:00:00Z`;
    for (const method of ['simulator', 'ns', 'dm']) {
      for (const resolution of [64, 128, 256]) {
        const s =
          { simulator: 1e-4, ns: 2e-3, dm: 2e-2 }[method]! *
          (method === 'simulator' ? resolution ** 3 / 64 ** 3 : resolution ** 2 / 64 ** 2) *
          (1 - 0.05 * i);
        out.push({
          suite: 'emulation',
          name: 'per-state',
          kind: 'speed',
          commit,
          date,
          method,
          resolution,
          compressionRate: method === 'simulator' ? 1 : 80,
          measures: { secondsPerState: { value: s, unit: 's', better: 'lower', lower: s * 0.9, upper: s * 1.1 } },
        });
      }
    }
    for (const [method, base] of [
      ['ae', 0.02],
      ['dm', 0.1],
      ['ns', 0.15],
    ] as const) {
      for (const rate of [80, 320]) {
        for (const field of ['density', 'energy']) {
          out.push({
            suite: 'evaluation',
            name: 'vrmse',
            kind: 'accuracy',
            commit,
            date,
            dataset: 'euler_multi_quadrants_periodicBC',
            method,
            compressionRate: rate,
            field,
            context: 1,
            setting: 'absolute',
            leadTimeBin: [1, 20],
            measures: { vrmse: { value: base * (1 + rate / 1000) * (1 - 0.02 * i), unit: '', better: 'lower' } },
          });
        }
      }
    }
  });
  return out;
}

describe('dashboard model', () => {
  it('averages evaluation records over fields, tracks commits in order and takes the latest costs', () => {
    const recs = sample();
    const h = histories(recs);
    expect(h.map((x) => x.title).sort()).toEqual(['emulation: secondsPerState', 'evaluation: vrmse']);
    const v = h.find((x) => x.kind === 'accuracy')!;
    expect(v.points.filter((p) => p.series === 'dm 80× 1–20').map((p) => p.x)).toEqual(['c1', 'c2', 'c3']);
    expect(latestVrmse(recs).cells.find((c) => c.method === 'dm' && c.rate === 80)!.value).toBeCloseTo(0.1 * 1.08 * 0.96, 10);
    expect(
      costVsResolution(recs)
        .filter((p) => p.series === 'simulator')
        .map((p) => p.x),
    ).toEqual([64, 128, 256]);
  });
});

describe('one commit is one commit', () => {
  it("keys commits by the full hash and takes an older evaluation record's 12-character hash as the same commit", async () => {
    const full = '0123456789abcdef0123456789abcdef01234567';
    const older = 'fedcba9876543210fedcba9876543210fedcba98';
    const recs = sample().map((r) => ({
      ...r,
      // bench.jsonl: 40 characters; an older results.jsonl: the first 12
      commit: r.commit === 'c3' ? (r.suite === 'evaluation' ? full.slice(0, 12) : full) : r.commit === 'c2' ? older : r.commit,
    }));
    expect(commitsOf(recs).map((c) => c.commit)).toEqual(['c1', older, full]);
    for (const h of histories(recs)) expect(new Set(h.points.map((p) => p.x))).toEqual(new Set(['c1', older, full]));
    expect(latestVrmse(recs).cells).toHaveLength(6);
    const html = await renderDashboard(recs);
    expect(html).toContain(`over 3 commit(s); latest ${full}`);
    expect(html).not.toContain(`>${full.slice(0, 12)}<`);
  });
});

describe.skipIf(!existsSync(CHROMIUM))('lola-bench dashboard in headless Chromium', () => {
  it('renders every chart from a sample of records', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lola-dash-'));
    mkdirSync(path.join(dir, 'records'));
    writeFileSync(
      path.join(dir, 'records/all.jsonl'),
      sample()
        .map((r) => JSON.stringify(r))
        .join('\n') + '\n',
    );
    const { run } = await import('../commands/dashboard.js');
    expect(await run(['--records', path.join(dir, 'records'), '--out', path.join(dir, 'site')])).toBe(0);
    const file = path.join(dir, 'site/index.html');
    expect(readFileSync(file, 'utf8')).toContain('paper 1–20');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
      await page.goto(`file://${file}`);
      const charts = await page.$$eval('.chart', (els) =>
        els.map((e) => ({
          kind: e.getAttribute('data-kind'),
          w: e.querySelector('svg')?.getBoundingClientRect().width ?? 0,
          paths: e.querySelectorAll('svg path').length,
        })),
      );
      expect(charts.map((c) => c.kind).sort()).toEqual(['accuracy', 'cost', 'speed']);
      for (const c of charts) {
        expect(c.w).toBeGreaterThan(200);
        expect(c.paths).toBeGreaterThan(3);
      }
      expect(await page.$$eval('table.vrmse tr', (r) => r.length)).toBe(1 + 6);
      await page.screenshot({ path: process.env.LOLA_DASHBOARD_SCREENSHOT ?? path.join(dir, 'dashboard.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  }, 60_000);
});
