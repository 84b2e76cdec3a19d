/** Vega-lite specs of the dashboard's charts (rendered to SVG by `@lola-ts/experiment`'s `renderVegaLiteSvg`). */
import type { TopLevelSpec } from 'vega-lite';

export interface Point {
  x: number | string;
  y: number;
  series: string;
  lower?: number;
  upper?: number;
}

/** Lines per series; `xType` ordinal for commits, quantitative for resolutions. */
export function seriesChart(
  points: Point[],
  o: { title: string; x: string; y: string; xType: 'ordinal' | 'quantitative'; logX?: boolean; logY?: boolean; xOrder?: string[] },
): TopLevelSpec {
  const layers: object[] = [
    {
      mark: { type: 'line', point: true, strokeWidth: 1.5 },
      encoding: {
        x: {
          field: 'x',
          type: o.xType,
          title: o.x,
          sort: o.xOrder,
          scale: o.logX ? { type: 'log' } : o.xType === 'quantitative' ? { zero: false } : undefined,
        },
        y: { field: 'y', type: 'quantitative', title: o.y, scale: o.logY ? { type: 'log' } : { zero: false } },
        color: { field: 'series', type: 'nominal', title: null, legend: { labelLimit: 320 } },
      },
    },
  ];
  if (points.some((p) => p.lower !== undefined && p.upper !== undefined)) {
    layers.push({
      mark: { type: 'rule', opacity: 0.5 },
      transform: [{ filter: 'isValid(datum.lower) && isValid(datum.upper)' }],
      encoding: {
        x: { field: 'x', type: o.xType, sort: o.xOrder },
        y: { field: 'lower', type: 'quantitative' },
        y2: { field: 'upper' },
        color: { field: 'series', type: 'nominal' },
      },
    });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: o.title,
    width: 440,
    height: 240,
    data: { values: points },
    layer: layers,
  } as TopLevelSpec;
}
