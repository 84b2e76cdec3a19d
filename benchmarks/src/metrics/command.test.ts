import { describe, expect, it } from 'vitest';
import { benchMetrics, parseMetricsArgs } from './command.js';
import { metricTasks } from './suite.js';

describe('lola-bench metrics', () => {
  it('parses options with defaults and rejects bad values clearly', () => {
    expect(parseMetricsArgs([])).toEqual({ size: 256, members: 16, iterations: 8, seed: 0, only: null, out: null });
    expect(parseMetricsArgs(['--size', '32', '--only', 'lolaVrmse, wellVrmse'])!.only).toEqual(['lolaVrmse', 'wellVrmse']);
    expect(() => parseMetricsArgs(['--size', '100'])).toThrow(/--size 100 must be a power of two/);
    expect(() => parseMetricsArgs(['--members', '0'])).toThrow("--members must be a positive integer, got '0'");
    expect(() => parseMetricsArgs(['--bogus'])).toThrow();
  });

  it('every task runs on a small field and returns a finite number', () => {
    const tasks = metricTasks({ size: 16, members: 3, seed: 1 });
    expect(tasks.length).toBeGreaterThanOrEqual(19);
    for (const t of tasks) expect(Number.isFinite(t.run()), t.name).toBe(true);
  });

  it('produces one speed record per selected metric with docs/architecture.md §5 fields', async () => {
    const records = await benchMetrics({
      size: 16,
      members: 2,
      iterations: 2,
      seed: 0,
      only: ['lolaVrmse', 'wellBinnedSpectralMse'],
      out: null,
    });
    expect(records.map((r) => r.name)).toEqual(['lolaVrmse', 'wellBinnedSpectralMse']);
    for (const r of records) {
      expect(r).toMatchObject({ suite: 'metrics', kind: 'speed', resolution: 16, ensembleSize: 2, samples: 2 });
      expect(r.environment.backend).toBe('js-float64');
      expect(r.versions['@lola-ts/metrics']).toBe('0.1.0');
      const time = (r.measures as { time: { value: number; lower: number; upper: number; unit: string; better: string } }).time;
      expect(time.unit).toBe('ms');
      expect(time.better).toBe('lower');
      expect(time.value).toBeGreaterThan(0);
      expect(time.lower).toBeLessThanOrEqual(time.value);
      expect(time.upper).toBeGreaterThanOrEqual(time.value);
    }
    await expect(benchMetrics({ size: 16, members: 2, iterations: 1, seed: 0, only: ['nope'], out: null })).rejects.toThrow(
      /unknown metric\(s\) nope/,
    );
  });
});
