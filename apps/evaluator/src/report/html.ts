/**
 * The evaluation report: one self-contained HTML page (inline SVG charts, GIFs as data URIs, no
 * script) with the findings check, the VRMSE table by compression rate × lead-time bin beside the
 * paper's numbers and the baselines, whether each emulator beats the baselines, VRMSE and
 * spread/skill curves, power spectra, side-by-side animations and the training runs.
 */
import {
  distinctBins,
  isBaseline,
  paperBinsOf,
  paperRowFor,
  tableByRateAndBin,
  type CurvePoint,
  type EvaluationRecord,
  type SpectrumRecord,
  type TableCell,
  renderVegaLiteSvg,
} from '@lola-ts/experiment';
import { checkFindings } from '../results/findings.js';
import { baselineFindings, compareWithBaselines, isEmulator } from '../results/baselines.js';
import { renderBaselineSection } from './baseline-section.js';
import { lineChartSpec, type LinePoint } from './charts.js';
import type { TrainingRun } from './training-runs.js';
import { renderTrainingSection } from './training-section.js';

export interface ReportAnimation {
  caption: string;
  gif: Uint8Array;
}

export interface ReportInput {
  title?: string;
  records: EvaluationRecord[];
  curves?: CurvePoint[];
  spectra?: SpectrumRecord[];
  animations?: ReportAnimation[];
  /** Free-form notes shown under the title (e.g. the scale of the run). */
  notes?: string[];
  /** Training runs for the training section (loss and learning rate against step). */
  runs?: TrainingRun[];
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const num = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(3));
/** A table cell's value; NaN there means non-finite inputs (scored with --allow-non-finite). */
const cellNum = (c: TableCell | undefined) =>
  c && !Number.isFinite(c.value) ? `<span class="fails">non-finite (${c.nonFinite} values)</span>` : num(c?.value);
const rateText = (method: string, rate: number) => (isBaseline(method) ? '—' : rate === 1 ? 'pixel' : `${Math.round(rate)}×`);
const series = (method: string, rate: number) => (isBaseline(method) ? method : `${method} ${rateText(method, rate)}`);

function mean(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

/** Per (method, rate, lead time) means over fields and contexts of the curve points. */
function curveLines(curves: CurvePoint[], pick: (c: CurvePoint) => number, filter: (c: CurvePoint) => boolean): LinePoint[] {
  const groups = new Map<string, { method: string; rate: number; t: number; ys: number[] }>();
  for (const c of curves) {
    if (c.setting !== 'absolute' || !filter(c)) continue;
    const key = `${c.method}|${c.compressionRate}|${c.leadTime}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { method: c.method, rate: c.compressionRate, t: c.leadTime, ys: [] }));
    const y = pick(c);
    if (Number.isFinite(y)) g.ys.push(y);
  }
  return [...groups.values()]
    .filter((g) => g.ys.length)
    .map((g) => ({ x: g.t, y: mean(g.ys), series: series(g.method, g.rate), ...(isBaseline(g.method) ? { reference: true } : {}) }))
    .sort((a, b) => a.series.localeCompare(b.series) || a.x - b.x);
}

function vrmseTable(records: EvaluationRecord[], cells: TableCell[]): string {
  const bins = distinctBins(cells);
  const dataset = records[0]?.dataset;
  const paperBins = paperBinsOf(dataset);
  const rows = [...new Set(cells.map((c) => `${c.method}|${c.compressionRate}`))];
  const head = `<tr><th>method</th><th>compression</th>${bins.map((b, i) => `<th>ours ${b[0]}–${b[1]}</th>${paperBins ? `<th class="paper">paper ${paperBins[i]?.[0] ?? ''}–${paperBins[i]?.[1] ?? ''}</th>` : ''}`).join('')}</tr>`;
  const body = rows.map((key) => {
    const [method, rateStr] = key.split('|') as [string, string];
    const rate = Number(rateStr);
    // Our rates paired with the paper's by rank within the method (lowest ↔ lowest), pixel ↔ pixel.
    const paper = paperRowFor(
      dataset,
      method,
      rate,
      cells.filter((c) => c.method === method).map((c) => c.compressionRate),
    );
    const paperRate = paper?.compressionRate;
    const tds = bins.map((b, i) => {
      const cell = cells.find((c) => c.method === method && c.compressionRate === rate && c.leadTimeBin[0] === b[0]);
      return `<td>${cellNum(cell)}</td>${paperBins ? `<td class="paper">${paper ? `${num(paper.vrmse[i])}<small> @${paperRate === 1 ? 'pixel' : `${paperRate}×`}</small>` : '–'}</td>` : ''}`;
    });
    return `<tr${isBaseline(method) ? ' class="baseline"' : ''}><td>${esc(method)}</td><td>${rateText(method, rate)}</td>${tds.join('')}</tr>`;
  });
  return `<table class="vrmse">${head}${body.join('')}</table>`;
}

export async function renderReport(input: ReportInput): Promise<string> {
  const { records } = input;
  if (!records.length) throw new Error('report: no evaluation records');
  const cells = tableByRateAndBin(records, 'vrmse');
  const comparisons = compareWithBaselines(cells);
  const findings = [...checkFindings(cells), ...baselineFindings(comparisons)];
  const charts: string[] = [];
  const curves = input.curves ?? [];
  if (curves.length) {
    charts.push(
      await renderVegaLiteSvg(
        lineChartSpec(
          curveLines(
            curves,
            (c) => c.vrmse,
            () => true,
          ),
          { title: 'VRMSE vs lead time (mean over fields and contexts)', x: 'lead time (simulator steps)', y: 'VRMSE' },
        ),
      ),
    );
    const ss = curveLines(
      curves,
      (c) => c.spreadSkill,
      (c) => c.method.endsWith('dm'),
    );
    if (ss.length)
      charts.push(
        await renderVegaLiteSvg(
          lineChartSpec(ss, { title: 'Spread / skill (ideal 1)', x: 'lead time (simulator steps)', y: 'spread/skill' }),
        ),
      );
  }
  for (const s of (input.spectra ?? [])
    .reduce(
      (acc, s) => (acc.some((a) => a.field === s.field && a.leadTimeBin[0] === s.leadTimeBin[0]) ? acc : [...acc, s]),
      [] as SpectrumRecord[],
    )
    .slice(0, 4)) {
    const same = (input.spectra ?? []).filter((x) => x.field === s.field && x.leadTimeBin[0] === s.leadTimeBin[0]);
    const pts: LinePoint[] = [];
    s.k.forEach((k, i) => {
      if (k > 0 && s.truth[i]! > 0) pts.push({ x: k, y: s.truth[i]!, series: 'truth' });
    });
    for (const x of same)
      x.k.forEach((k, i) => {
        if (k > 0 && x.prediction[i]! > 0) pts.push({ x: k, y: x.prediction[i]!, series: series(x.method, x.compressionRate) });
      });
    charts.push(
      await renderVegaLiteSvg(
        lineChartSpec(pts, {
          title: `Power spectrum of ${s.field}, lead ${s.leadTimeBin[0]}–${s.leadTimeBin[1]}`,
          x: 'wavenumber (cycles/pixel)',
          y: 'power',
          logX: true,
          logY: true,
        }),
      ),
    );
  }
  const anim = (input.animations ?? []).map(
    (a) =>
      `<figure><img alt="${esc(a.caption)}" src="data:image/gif;base64,${Buffer.from(a.gif).toString('base64')}"><figcaption>${esc(a.caption)}</figcaption></figure>`,
  );
  const r0 = records[0]!;
  // Ensemble size and sampler steps of the stochastic method (the DM), else of the first record.
  const rs = records.find((r) => r.method.endsWith('dm')) ?? r0;
  const emulators = cells.filter((c) => isEmulator(c.method));
  const meanBaseline = comparisons.some((c) => c.beatsMean !== null);
  const chance =
    emulators.length > 0 && (meanBaseline ? comparisons.every((c) => c.beatsMean !== true) : emulators.every((c) => c.value >= 0.9))
      ? `Every emulator's VRMSE here is ${meanBaseline ? 'at or above that of the spatial-mean baseline' : '≥ 0.9'}, i.e. no better than predicting each field's spatial mean (VRMSE ≈ 1): the models are under-trained at this scale, so their comparison says little about the method.`
      : undefined;
  const nonFinite = records.filter((r) => (r.nonFinite ?? 0) > 0);
  const nonFiniteNote = nonFinite.length
    ? `${nonFinite.length} records were scored from NaN/Inf values (${nonFinite.reduce((n, r) => n + r.nonFinite!, 0)} in all; methods ${[...new Set(nonFinite.map((r) => r.method))].join(', ')}): their measures are non-finite and shown as such, never averaged over the finite rest.`
    : undefined;
  const rolloutSeeds = [...new Set(records.filter((r) => !r.baseline && r.seed !== undefined && r.seed !== null).map((r) => r.seed))];
  const runSeeds = [...new Set((input.runs ?? []).map((r) => String(r.seed ?? 'unknown')))];
  const seedText = [
    runSeeds.length ? `training seed${runSeeds.length > 1 ? 's' : ''} ${runSeeds.join(', ')}` : '',
    rolloutSeeds.length ? `rollout seed${rolloutSeeds.length > 1 ? 's' : ''} ${rolloutSeeds.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const training = await renderTrainingSection(input.runs ?? []);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(input.title ?? `lola-ts evaluation: ${r0.dataset}`)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}
th{background:#f3f3f3}.paper{color:#666;background:#fafafa}.holds{color:#0a0}.fails{color:#b00}.unknown{color:#888}
.charts{display:flex;flex-wrap:wrap;gap:1em}tr.baseline td{background:#f6f6ff}td.yes{color:#0a0}td.no{color:#b00}table.beats{font-size:0.85em}table.training td:first-child{white-space:nowrap}figure{display:inline-block;margin:0.5em}img{image-rendering:pixelated}
</style></head><body>
<h1>${esc(input.title ?? `lola-ts evaluation: ${r0.dataset}`)}</h1>
<p>${records.length} records · split ${esc(r0.split)} · start ${r0.start} · stride ${r0.stride} · ensemble ${rs.ensembleSize} · sampler steps ${rs.samplerSteps ?? '–'} · ${seedText ? `${esc(seedText)} · ` : ''}commit ${esc(r0.commit ?? 'unknown')} · ${esc(r0.date)}</p>
${[...(input.notes ?? []), ...(chance ? [chance] : []), ...(nonFiniteNote ? [nonFiniteNote] : [])].map((n) => `<p class="note">${esc(n)}</p>`).join('\n')}
<h2>The paper's findings on our data</h2>
<ul class="findings">${findings.map((f) => `<li class="${f.holds === null ? 'unknown' : f.holds ? 'holds' : 'fails'}"><b>(${f.id}) ${esc(f.statement)}: ${f.holds === null ? 'not enough data' : f.holds ? 'holds' : 'does NOT hold'}</b> — ${esc(f.evidence)}</li>`).join('')}</ul>
<h2>VRMSE by compression rate and lead time</h2>
<p>Mean over test trajectories, fields, contexts and lead times in each bin, physical units, eps 1e-6 (LoLa convention). Paper values (Rozet et al. 2025) are at the paper's resolution and rates, paired by rank of compression: compare trends, not absolute values. Baselines (from the truth alone): <b>persistence</b> repeats the last context frame for every lead time; <b>mean</b> predicts each frame's own spatial mean per field (VRMSE ≈ 1 by construction: √((N−1)/N) for N grid points).</p>
${vrmseTable(records, cells)}
${renderBaselineSection(comparisons, input.curves ?? [])}
<h2>Curves and spectra</h2>
<div class="charts">${charts.map((c) => `<div class="chart">${c}</div>`).join('\n')}</div>
${anim.length ? `<h2>Rollouts</h2>\n<div class="animations">${anim.join('\n')}</div>` : ''}
${training}
</body></html>
`;
}
