/**
 * Charts as static SVG: a vega-lite spec compiled to vega and rendered headlessly in Node
 * (`View.toSVG()`), so the evaluator's report and the dashboard are self-contained HTML with no script.
 * vega and vega-lite are loaded on the first call, so reading records never loads them.
 */
import type { TopLevelSpec } from 'vega-lite';

/** The SVG of a vega-lite spec. */
export async function renderVegaLiteSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
