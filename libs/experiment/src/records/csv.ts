/** Flat CSV of evaluation records: one row per record, one column per measure value. */
import { MEASURE_NAMES as MEASURE_COLUMNS, type EvaluationRecord } from './evaluation.js';

/** `results.csv`: the identity columns, then one column per measure name (empty where absent). */
export function recordsToCsv(records: EvaluationRecord[]): string {
  const head = [
    'dataset',
    'split',
    'method',
    'compressionRate',
    'field',
    'context',
    'leadTimeFirst',
    'leadTimeLast',
    'setting',
    'start',
    'stride',
    'ensembleSize',
    'samplerSteps',
    'nTrajectories',
    'nonFinite',
    'commit',
    ...MEASURE_COLUMNS,
  ];
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const rows = records.map((r) =>
    [
      r.dataset,
      r.split,
      r.method,
      r.compressionRate,
      r.field,
      r.context,
      r.leadTimeBin[0],
      r.leadTimeBin[1],
      r.setting,
      r.start,
      r.stride,
      r.ensembleSize,
      r.samplerSteps,
      r.nTrajectories,
      r.nonFinite ?? 0,
      r.commit,
      ...MEASURE_COLUMNS.map((m) => r.measures[m]?.value),
    ]
      .map(cell)
      .join(','),
  );
  return [head.join(','), ...rows].join('\n') + '\n';
}
