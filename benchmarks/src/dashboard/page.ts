/**
 * The dashboard page: static HTML with inline SVG charts (no script), so it can be published as is
 * (GitHub Pages, an artifact) and opened offline. Sections: accuracy over commits, speed over
 * commits, the latest VRMSE table beside the paper's, and cost per state against resolution.
 */
import { paperBinsOf, paperRowFor, type ReadRecord, renderVegaLiteSvg } from '@lola-ts/experiment';
import { seriesChart } from './charts.js';
import { commitsOf, costVsResolution, histories, latestVrmse } from './model.js';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function vrmseTable(records: ReadRecord[]): string {
  const { dataset, cells } = latestVrmse(records);
  if (!cells.length) return '<p>No evaluation records yet.</p>';
  const bins = [...new Set(cells.map((c) => c.bin))].sort((a, b) => Number(a.split('–')[0]) - Number(b.split('–')[0]));
  const rows = [...new Set(cells.map((c) => `${c.method}|${c.rate}`))].sort(
    (a, b) => a.split('|')[0]!.localeCompare(b.split('|')[0]!) || Number(a.split('|')[1]) - Number(b.split('|')[1]),
  );
  const body = rows.map((key) => {
    const [method, rs] = key.split('|') as [string, string];
    const rate = Number(rs);
    const ours = cells.filter((c) => c.method === method).map((c) => c.rate);
    const pr = paperRowFor(dataset, method, rate, ours);
    return `<tr><td>${esc(method)}</td><td>${method === 'persistence' || method === 'mean' ? '—' : rate === 1 ? 'pixel' : `${rate}×`}</td>${bins.map((b, i) => `<td>${cells.find((c) => c.method === method && c.rate === rate && c.bin === b)?.value.toFixed(3) ?? '–'}</td><td class="paper">${pr ? `${pr.vrmse[i]?.toFixed(3) ?? '–'} <small>@${pr.compressionRate === 1 ? 'pixel' : `${pr.compressionRate}×`}</small>` : '–'}</td>`).join('')}</tr>`;
  });
  const pb = paperBinsOf(dataset);
  return `<table class="vrmse"><tr><th>method</th><th>compression</th>${bins.map((b, i) => `<th>ours ${b}</th><th class="paper">paper ${pb?.[i]?.join('–') ?? ''}</th>`).join('')}</tr>${body.join('')}</table>`;
}

export async function renderDashboard(records: ReadRecord[], title = 'lola-ts benchmarks'): Promise<string> {
  if (!records.length) throw new Error('dashboard: no records');
  const order = commitsOf(records).map((c) => c.commit);
  const hist = histories(records);
  const chart = async (h: (typeof hist)[number]) =>
    `<div class="chart" data-kind="${esc(h.kind)}">${await renderVegaLiteSvg(seriesChart(h.points, { title: h.title, x: 'commit', y: h.unit ? `${h.title.split(': ')[1]} (${h.unit})` : h.title.split(': ')[1]!, xType: 'ordinal', xOrder: order, logY: h.kind === 'speed' }))}</div>`;
  const accuracy = await Promise.all(hist.filter((h) => h.kind === 'accuracy').map(chart));
  const speed = await Promise.all(hist.filter((h) => h.kind === 'speed').map(chart));
  const cost = costVsResolution(records);
  const costSvg = cost.length
    ? `<div class="chart" data-kind="cost">${await renderVegaLiteSvg(seriesChart(cost, { title: 'Cost per emulated state vs input resolution (latest commit)', x: 'resolution (pixels per side)', y: 'seconds per state', xType: 'quantitative', logX: true, logY: true }))}</div>`
    : '<p>No emulation speed records yet.</p>';
  const last = order.at(-1);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1200px;color:#222}.charts{display:flex;flex-wrap:wrap;gap:1em}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f3f3f3}.paper{color:#666;background:#fafafa}</style>
</head><body>
<h1>${esc(title)}</h1>
<p>${records.length} records over ${order.length} commit(s); latest ${esc(last ?? '')}. Speed is on this project's hardware (see each record's environment); the paper's timings were on a datacenter GPU, so compare ratios, not absolute values.</p>
<p><a href="emulate.html">Emulate in the browser</a>: a trained latent DM / NS running on WebGPU, wasm or cpu beside the simulator (built into this directory by <code>npm run site</code>).</p>
<h2>Latest VRMSE by compression rate and lead time, beside the paper's</h2>
${vrmseTable(records)}
<h2>Cost vs resolution</h2>
<div class="charts">${costSvg}</div>
<h2>Accuracy over commits</h2>
<div class="charts">${accuracy.join('\n') || '<p>No accuracy records.</p>'}</div>
<h2>Speed over commits</h2>
<div class="charts">${speed.join('\n') || '<p>No speed records.</p>'}</div>
</body></html>
`;
}
