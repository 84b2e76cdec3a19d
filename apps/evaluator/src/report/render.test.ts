/**
 * Opens a generated report in headless Chromium (Debian's /usr/bin/chromium, installed by
 * .ci/run), takes a screenshot and checks that the charts and movies actually render.
 */
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CurvePoint, EvaluationRecord, SpectrumRecord } from '../results/types.js';
import { encodeSideBySideGif } from './animation.js';
import { renderReport } from './html.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function sampleInput() {
  const records: EvaluationRecord[] = [];
  const curves: CurvePoint[] = [];
  const bins: [number, number][] = [[1, 20], [21, 60], [61, 100]];
  for (const [method, rates] of [['ae', [80, 320, 1280]], ['dm', [80, 320, 1280]], ['ns', [80, 320, 1280]]] as const) {
    for (const rate of rates) {
      bins.forEach((bin, b) => {
        const v = method === 'ae' ? 0.01 * rate ** 0.5 * (1 + b * 0.2) : (method === 'dm' ? 0.1 : 0.13) * (1 + 1.5 * b);
        records.push({
          suite: 'evaluation', kind: 'accuracy', name: 'x', commit: 'abc', date: '2026-11-22', versions: {}, dataset: 'euler_multi_quadrants_periodicBC', split: 'test', method, compressionRate: rate,
          field: 'density', context: 1, leadTimeBin: bin, start: 0, stride: 4, ensembleSize: 8, samplerSteps: 16, setting: 'absolute', nTrajectories: 4, measures: { vrmse: { value: v, unit: '', better: 'lower' } },
        });
      });
      for (let lead = 4; lead <= 100; lead += 4) curves.push({ dataset: 'e', method, compressionRate: rate, field: 'density', context: 1, setting: 'absolute', leadTime: lead, vrmse: 0.001 * lead * (method === 'ns' ? 1.3 : 1), spread: 0.1, skill: 0.1, spreadSkill: method === 'dm' ? 0.9 : 0 });
    }
  }
  const k = Array.from({ length: 16 }, (_, i) => (i + 1) / 32);
  const spectra: SpectrumRecord[] = [{ dataset: 'e', method: 'dm', compressionRate: 80, field: 'density', leadTimeBin: [61, 100], k, truth: k.map((x) => x ** -2), prediction: k.map((x) => 0.9 * x ** -2.2) }];
  const frame = (t: number) => Float32Array.from({ length: 16 * 16 }, (_, i) => Math.sin(i / 7 + t));
  const gif = encodeSideBySideGif([{ label: 'truth', frames: [0, 1, 2].map(frame) }, { label: 'dm', frames: [0, 1, 2].map((t) => frame(t + 0.1)) }], { height: 16, width: 16 });
  return { records, curves, spectra, animations: [{ caption: 'truth | dm', gif }] };
}

describe.skipIf(!existsSync(CHROMIUM))('report renders in headless Chromium', () => {
  it('shows the findings, the table, the charts and the movie', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lola-report-'));
    const file = path.join(dir, 'report.html');
    writeFileSync(file, await renderReport(sampleInput()));
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      await page.goto(`file://${file}`);
      const charts = await page.$$eval('.chart svg', (svgs) => svgs.map((s) => ({ w: s.getBoundingClientRect().width, lines: s.querySelectorAll('path').length })));
      expect(charts.length).toBe(3); // VRMSE curves, spread/skill, spectrum
      for (const c of charts) {
        expect(c.w).toBeGreaterThan(200);
        expect(c.lines).toBeGreaterThan(3);
      }
      expect(await page.$$eval('table.vrmse tr', (rows) => rows.length)).toBe(1 + 9);
      expect(await page.textContent('ul.findings')).toMatch(/\(a\) AE reconstruction error grows with compression: holds/);
      const img = await page.$eval('.animations img', (i) => ({ w: (i as HTMLImageElement).naturalWidth, ok: (i as HTMLImageElement).complete }));
      expect(img.ok).toBe(true);
      expect(img.w).toBeGreaterThan(100);
      const shot = process.env.LOLA_REPORT_SCREENSHOT ?? path.join(dir, 'report.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(20_000);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
