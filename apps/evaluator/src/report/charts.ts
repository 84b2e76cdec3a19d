/** Vega-lite line-chart specs of the report (rendered to SVG by `@lola-ts/experiment`'s `renderVegaLiteSvg`). */
import type { TopLevelSpec } from 'vega-lite';

export interface LinePoint {
  x: number;
  y: number;
  series: string;
  /** Reference lines (the baselines) are drawn dashed. */
  reference?: boolean;
}

/** A line chart with one coloured line per series (log scales optional; references dashed). */
export function lineChartSpec(
  points: LinePoint[],
  opts: {
    title: string;
    x: string;
    y: string;
    logX?: boolean;
    logY?: boolean;
    zeroY?: boolean;
    width?: number;
    height?: number;
    points?: boolean;
    legend?: boolean;
  },
): TopLevelSpec {
  const dashed = points.some((p) => p.reference);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: opts.title,
    width: opts.width ?? 420,
    height: opts.height ?? 260,
    data: { values: dashed ? points.map((p) => ({ ...p, line: p.reference ? 'reference' : 'model' })) : points },
    mark: { type: 'line', point: opts.points ?? true, strokeWidth: 1.5 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: opts.x, scale: opts.logX ? { type: 'log' } : { zero: false } },
      y: { field: 'y', type: 'quantitative', title: opts.y, scale: opts.logY ? { type: 'log' } : { zero: opts.zeroY ?? true } },
      color: { field: 'series', type: 'nominal', title: null, ...(opts.legend === false ? { legend: null } : {}) },
      ...(dashed
        ? {
            strokeDash: {
              field: 'line',
              type: 'nominal',
              scale: {
                domain: ['model', 'reference'],
                range: [
                  [1, 0],
                  [5, 3],
                ],
              },
              legend: null,
            },
          }
        : {}),
    },
  } as TopLevelSpec;
}
