import { describe, expect, it } from 'vitest';
import { distinctBins, groupCells, tableByRateAndBin, type CellRecord } from './table.js';

const rec = (method: string, rate: number, bin: [number, number], value: number | null, extra: Partial<CellRecord> = {}): CellRecord => ({
  method,
  compressionRate: rate,
  leadTimeBin: bin,
  setting: 'absolute',
  measures: { vrmse: { value: value as number } },
  ...extra,
});

describe('the VRMSE table', () => {
  it('averages over the records of a (method, rate, bin) cell in one setting, models before baselines', () => {
    const records = [
      rec('mean', 1, [1, 4], 1),
      rec('dm', 20, [5, 8], 0.5),
      rec('dm', 20, [1, 4], 0.1),
      rec('dm', 20, [1, 4], 0.3),
      rec('ae', 80, [1, 4], 0.2, { setting: 'relative' }),
      rec('ae', 5, [1, 4], 0.05, { measures: {} }),
    ];
    const cells = tableByRateAndBin(records);
    expect(cells.map((c) => [c.method, c.compressionRate, c.leadTimeBin[0], c.n])).toEqual([
      ['dm', 20, 1, 2],
      ['dm', 20, 5, 1],
      ['mean', 1, 1, 1],
    ]);
    expect(cells[0]!.value).toBe((0 + 0.1 + 0.3) / 2);
    expect(tableByRateAndBin(records, 'vrmse', 'relative').map((c) => c.method)).toEqual(['ae']);
    expect(distinctBins(cells)).toEqual([
      [1, 4],
      [5, 8],
    ]);
  });

  it('makes a cell NaN when one of its values is null (non-finite), and groups by an extra key', () => {
    const records = [rec('dm', 20, [1, 4], 0.1, { nonFinite: 0 }), rec('dm', 20, [1, 4], null, { nonFinite: 3 })];
    const [cell] = tableByRateAndBin(records);
    expect(cell!.value).toBeNaN();
    expect(cell!.nonFinite).toBe(3);
    const split = groupCells(records, { groupBy: (r) => String(r.nonFinite) });
    expect(split.map((c) => [c.n, c.records.length])).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });
});
