/**
 * "Do the emulators beat the baselines?": per emulator and rate, one plain sentence, then the
 * per-bin verdicts against persistence and the spatial mean, and the VRMSE at the first lead time.
 */
import { baselineSentences, firstLeadVrmse, type BaselineComparison } from '../results/baselines.js';
import { baselineRank, isBaseline, type CurvePoint } from '@lola-ts/experiment';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const fmt = (x: number | undefined) => (x === undefined ? '–' : Number.isFinite(x) ? x.toFixed(3) : 'non-finite');
const rateText = (method: string, r: number) => (isBaseline(method) ? '—' : r === 1 ? 'pixel' : `${Math.round(r)}×`);

function verdict(beats: boolean | null, value: number, ref: number | undefined): string {
  if (beats === null) return '<td class="unknown">not scored</td>';
  return `<td class="${beats ? 'yes' : 'no'}" style="white-space:nowrap">${beats ? 'yes' : 'NO'} (${fmt(value)} ${beats ? '<' : '≥'} ${fmt(ref)})</td>`;
}

export function renderBaselineSection(cmp: BaselineComparison[], curves: CurvePoint[]): string {
  if (!cmp.length || cmp.every((c) => c.beatsPersistence === null && c.beatsMean === null)) return '';
  const bins = [...new Map(cmp.map((c) => [`${c.leadTimeBin[0]}-${c.leadTimeBin[1]}`, c.leadTimeBin])).values()].sort(
    (a, b) => a[0] - b[0],
  );
  const rows = [...new Set(cmp.map((c) => `${c.method}|${c.compressionRate}`))];
  const head =
    `<tr><th rowspan="2">method</th><th rowspan="2">compression</th>${bins.map((b) => `<th colspan="2">lead ${b[0]}–${b[1]}: beats</th>`).join('')}</tr>` +
    `<tr>${bins.map(() => '<th>persistence</th><th>mean</th>').join('')}</tr>`;
  const body = rows.map((key) => {
    const xs = cmp.filter((c) => `${c.method}|${c.compressionRate}` === key);
    const { method, compressionRate } = xs[0]!;
    const tds = bins.map((b) => {
      const c = xs.find((x) => x.leadTimeBin[0] === b[0]);
      return c ? verdict(c.beatsPersistence, c.value, c.persistence) + verdict(c.beatsMean, c.value, c.mean) : '<td>–</td><td>–</td>';
    });
    return `<tr><td>${esc(method)}</td><td>${rateText(method, compressionRate)}</td>${tds.join('')}</tr>`;
  });
  const first = firstLeadVrmse(curves);
  const firstLine = first
    ? `<p class="first-lead">VRMSE at the first lead time (${first.leadTime} simulator steps), mean over fields: ${first.rows
        .sort(
          (a, b) =>
            baselineRank(a.method) - baselineRank(b.method) || a.method.localeCompare(b.method) || a.compressionRate - b.compressionRate,
        )
        .map((r) => `${esc(r.method)}${isBaseline(r.method) ? '' : ` ${rateText(r.method, r.compressionRate)}`} ${fmt(r.value)}`)
        .join(' · ')}.</p>`
    : '';
  return `<h2>Do the emulators beat the baselines?</h2>
<ul class="baseline-verdicts">${baselineSentences(cmp)
    .map((s) => `<li>${esc(s)}</li>`)
    .join('')}</ul>
<table class="beats">${head}${body.join('')}</table>
${firstLine}`;
}
