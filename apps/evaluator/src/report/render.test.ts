/**
 * Opens a generated report in headless Chromium (Debian's /usr/bin/chromium, installed by
 * .ci/run), takes a screenshot and checks that the charts and movies actually render.
 */
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CurvePoint, EvaluationRecord, SpectrumRecord } from '@lola-ts/experiment';
import { encodeSideBySideGif } from './animation.js';
import { renderReport } from './html.js';
import type { TrainingRun } from './training-runs.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function sampleInput() {
  const records: EvaluationRecord[] = [];
  const curves: CurvePoint[] = [];
  const bins: [number, number][] = [
    [1, 20],
    [21, 60],
    [61, 100],
  ];
  for (const [method, rates] of [
    ['ae', [80, 320, 1280]],
    ['dm', [80, 320, 1280]],
    ['ns', [80, 320, 1280]],
  ] as const) {
    for (const rate of rates) {
      bins.forEach((bin, b) => {
        const v = method === 'ae' ? 0.01 * rate ** 0.5 * (1 + b * 0.2) : (method === 'dm' ? 0.1 : 0.13) * (1 + 1.5 * b);
        records.push({
          suite: 'evaluation',
          kind: 'accuracy',
          name: 'x',
          commit: 'abc',
          date: '2026-11-22',
          versions: {},
          dataset: 'euler_multi_quadrants_periodicBC',
          split: 'test',
          method,
          compressionRate: rate,
          field: 'density',
          context: 1,
          leadTimeBin: bin,
          start: 0,
          stride: 4,
          ensembleSize: 8,
          samplerSteps: 16,
          setting: 'absolute',
          nTrajectories: 4,
          measures: { vrmse: { value: v, unit: '', better: 'lower' } },
        });
      });
      for (let lead = 4; lead <= 100; lead += 4)
        curves.push({
          dataset: 'e',
          method,
          compressionRate: rate,
          field: 'density',
          context: 1,
          setting: 'absolute',
          leadTime: lead,
          vrmse: 0.001 * lead * (method === 'ns' ? 1.3 : 1),
          spread: 0.1,
          skill: 0.1,
          spreadSkill: method === 'dm' ? 0.9 : 0,
        });
    }
  }
  // Baselines: persistence (worse than DM at long leads, better than NS at the first bin) and mean (≈ 1).
  for (const [method, values] of [
    ['persistence', [0.12, 0.6, 1.2]],
    ['mean', [0.999, 0.999, 0.999]],
  ] as const) {
    bins.forEach((bin, b) =>
      records.push({
        suite: 'evaluation',
        kind: 'accuracy',
        name: 'x',
        commit: 'abc',
        date: '2026-11-22',
        versions: {},
        dataset: 'euler_multi_quadrants_periodicBC',
        split: 'test',
        method,
        compressionRate: 1,
        baseline: true,
        field: 'density',
        context: 1,
        leadTimeBin: bin,
        start: 0,
        stride: 4,
        ensembleSize: 1,
        samplerSteps: null,
        setting: 'absolute',
        nTrajectories: 4,
        nonFinite: 0,
        measures: { vrmse: { value: values[b]!, unit: '', better: 'lower' } },
      }),
    );
    for (let lead = 4; lead <= 100; lead += 4)
      curves.push({
        dataset: 'e',
        method,
        compressionRate: 1,
        field: 'density',
        context: 1,
        setting: 'absolute',
        leadTime: lead,
        vrmse: method === 'mean' ? 0.999 : 0.012 * lead,
        spread: 0,
        skill: 0.1,
        spreadSkill: 0,
      });
  }
  const runs: TrainingRun[] = (['ae', 'dm', 'ns'] as const).map((stage, i) => ({
    dir: `runs/${stage}-c64`,
    name: `${stage}-c64`,
    stage,
    compressionRate: 20,
    seed: 0,
    totalSteps: 200,
    parameters: 300_000,
    train: Array.from({ length: 200 }, (_, s) => ({
      step: s + 1,
      loss: 0.3 + 0.5 * Math.exp(-s / (40 + 20 * i)) + 0.02 * Math.sin(s),
      lr: (3e-3 * Math.min(1, (s + 1) / 20) * (1 + Math.cos((Math.PI * s) / 200))) / 2,
      skipped: false,
    })),
    valid: [40, 80, 120, 160, 200].map((step) => ({ step, loss: 0.32 + 0.5 * Math.exp(-step / (40 + 20 * i)) })),
    seconds: 120,
  }));
  const k = Array.from({ length: 16 }, (_, i) => (i + 1) / 32);
  const spectra: SpectrumRecord[] = [
    {
      dataset: 'e',
      method: 'dm',
      compressionRate: 80,
      field: 'density',
      leadTimeBin: [61, 100],
      k,
      truth: k.map((x) => x ** -2),
      prediction: k.map((x) => 0.9 * x ** -2.2),
    },
  ];
  const frame = (t: number) => Float32Array.from({ length: 16 * 16 }, (_, i) => Math.sin(i / 7 + t));
  const gif = encodeSideBySideGif(
    [
      { label: 'truth', frames: [0, 1, 2].map(frame) },
      { label: 'dm', frames: [0, 1, 2].map((t) => frame(t + 0.1)) },
    ],
    { height: 16, width: 16 },
  );
  return { records, curves, spectra, animations: [{ caption: 'truth | dm', gif }], runs };
}

describe.skipIf(!existsSync(CHROMIUM))('report renders in headless Chromium', () => {
  it('shows the findings, the table with the baselines, the verdicts, the charts, the movie and the training runs', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lola-report-'));
    const file = path.join(dir, 'report.html');
    writeFileSync(file, await renderReport(sampleInput()));
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
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      await page.goto(`file://${file}`);
      const charts = await page.$$eval('.chart svg', (svgs) =>
        svgs.map((s) => ({ w: s.getBoundingClientRect().width, lines: s.querySelectorAll('path').length })),
      );
      expect(charts.length).toBe(3); // VRMSE curves, spread/skill, spectrum
      for (const c of charts) {
        expect(c.w).toBeGreaterThan(200);
        expect(c.lines).toBeGreaterThan(3);
      }
      expect(await page.$$eval('table.vrmse tr', (rows) => rows.length)).toBe(1 + 9 + 2);
      expect(await page.$$eval('table.vrmse tr.baseline td:first-child', (tds) => tds.map((t) => t.textContent))).toEqual([
        'persistence',
        'mean',
      ]);
      const findings = await page.textContent('ul.findings');
      expect(findings).toMatch(/\(a\) AE reconstruction error grows with compression: holds/);
      expect(findings).toMatch(
        /\(p\) Every emulator beats persistence \(the last context frame repeated\) in every lead-time bin: does NOT hold — not beaten in 3 of 18 cells: ns 80× 1–20: 0\.130 vs 0\.120/,
      );
      expect(findings).toMatch(
        /\(m\) Every emulator beats the spatial mean \(VRMSE ≈ 1\) in every lead-time bin: holds — all 18 cells below it/,
      );
      expect(await page.$$eval('table.beats tr', (rows) => rows.length)).toBe(2 + 6);
      expect(await page.textContent('ul.baseline-verdicts')).toContain(
        'ns 80×: beats persistence in 2 of 3 bins (21–60, 61–100 only); beats the spatial mean in 3 of 3 bins.',
      );
      expect(await page.textContent('p.first-lead')).toMatch(/first lead time \(4 simulator steps\).*persistence 0\.048 · mean 0\.999/);
      // Training: a summary row and a loss and a learning-rate chart per run.
      expect(await page.$$eval('table.training tr', (rows) => rows.length)).toBe(1 + 3);
      const train = await page.$$eval('.train-chart svg', (svgs) =>
        svgs.map((s) => ({ w: s.getBoundingClientRect().width, paths: s.querySelectorAll('path').length, text: s.textContent ?? '' })),
      );
      expect(train.length).toBe(6);
      for (const c of train) {
        expect(c.w).toBeGreaterThan(200);
        expect(c.paths).toBeGreaterThan(3);
      }
      expect(train[0]!.text).toMatch(/ae-c64 \(ae, 20×, seed 0\): loss/);
      expect(train[0]!.text).toMatch(/validation/);
      expect(train[1]!.text).toMatch(/learning rate/);
      expect(await page.textContent('body')).toMatch(/training seed 0/);
      const img = await page.$eval('.animations img', (i) => ({
        w: (i as HTMLImageElement).naturalWidth,
        ok: (i as HTMLImageElement).complete,
      }));
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
