/**
 * The report's training section: a summary table of the runs (stage, rate, seed, steps, losses,
 * how much the validation loss still fell in the last quarter of the run) and, per run, the
 * training and validation loss against step and the learning rate against step, so that an
 * under-trained model shows at a glance.
 */
import { renderVegaLiteSvg } from '@lola-ts/experiment';
import { lineChartSpec, type LinePoint } from './charts.js';
import type { TrainingRun } from './training-runs.js';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const num = (x: number | null | undefined, d = 3) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toPrecision(d));
const rate = (r: TrainingRun) =>
  r.compressionRate === null ? '–' : r.compressionRate === 1 ? 'pixel' : `${Math.round(r.compressionRate)}×`;

/** Training loss as the mean of each block of k steps (≤ 80 points), at the block's last step. */
function trainPoints(run: TrainingRun): { points: LinePoint[]; k: number } {
  const k = Math.max(1, Math.ceil(run.train.length / 80));
  const points: LinePoint[] = [];
  for (let i = 0; i < run.train.length; i += k) {
    const block = run.train.slice(i, i + k).filter((t) => t.loss !== null);
    if (block.length)
      points.push({
        x: run.train[Math.min(i + k, run.train.length) - 1]!.step,
        y: block.reduce((s, t) => s + t.loss!, 0) / block.length,
        series: 'train',
      });
  }
  return { points, k };
}

/** Relative change of the validation loss over the last quarter of the logged steps (null without two validations there). */
export function lateValidationChange(run: TrainingRun): number | null {
  const v = run.valid.filter((x) => x.loss !== null);
  const last = v.at(-1);
  if (!last || v.length < 2) return null;
  const from = [...v].reverse().find((x) => x.step <= 0.75 * last.step) ?? v[0]!;
  return from === last ? null : (last.loss! - from.loss!) / from.loss!;
}

function summaryRow(run: TrainingRun): string {
  const done = run.train.at(-1)?.step ?? 0;
  const tail = run.train.slice(-Math.max(1, Math.ceil(run.train.length / 10))).filter((t) => t.loss !== null);
  const finalTrain = tail.length ? tail.reduce((s, t) => s + t.loss!, 0) / tail.length : null;
  const valid = run.valid.filter((x) => x.loss !== null);
  const best = valid.reduce<{ step: number; loss: number | null } | null>((b, x) => (b === null || x.loss! < b.loss! ? x : b), null);
  const skipped = run.train.filter((t) => t.skipped || t.loss === null).length;
  const change = lateValidationChange(run);
  const cells = [
    esc(run.name),
    esc(run.stage),
    rate(run),
    esc(String(run.seed ?? '–')),
    `${done}${run.totalSteps !== null ? ` / ${run.totalSteps}` : ''}`,
    run.parameters === null ? '–' : run.parameters.toLocaleString('en-US'),
    num(finalTrain),
    best ? `${num(best.loss)} @ ${best.step}` : '–',
    num(valid.at(-1)?.loss),
    change === null ? '–' : `${change >= 0 ? '+' : ''}${(100 * change).toFixed(1)}%`,
    String(skipped),
    run.seconds === null ? '–' : run.seconds < 120 ? `${run.seconds.toFixed(0)} s` : `${(run.seconds / 60).toFixed(1)} min`,
  ];
  return `<tr${skipped ? ' class="fails"' : ''}>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
}

export async function renderTrainingSection(runs: TrainingRun[]): Promise<string> {
  if (!runs.length) return '';
  const seeds = [...new Set(runs.map((r) => String(r.seed ?? 'unknown')))];
  const head = [
    'run',
    'stage',
    'compression',
    'seed',
    'steps',
    'parameters',
    'train loss (last 10 %)',
    'best valid loss @ step',
    'last valid loss',
    'valid loss, last quarter',
    'skipped steps',
    'time',
  ];
  const blocks: string[] = [];
  for (const run of runs) {
    const { points, k } = trainPoints(run);
    const valid = run.valid.filter((v) => v.loss !== null).map((v) => ({ x: v.step, y: v.loss!, series: 'validation' }));
    const lr = run.train
      .filter((t, i) => t.lr !== null && (i % Math.max(1, Math.ceil(run.train.length / 120)) === 0 || i === run.train.length - 1))
      .map((t) => ({ x: t.step, y: t.lr!, series: 'learning rate' }));
    const title = `${run.name} (${run.stage}${run.compressionRate !== null ? `, ${rate(run)}` : ''}, seed ${run.seed ?? '?'})`;
    const charts: string[] = [];
    if (points.length || valid.length)
      charts.push(
        await renderVegaLiteSvg(
          lineChartSpec([...points, ...valid], {
            title: `${title}: loss`,
            x: 'step',
            y: k > 1 ? `loss (train: mean of ${k} steps)` : 'loss',
            zeroY: false,
            width: 340,
            height: 200,
          }),
        ),
      );
    if (lr.length)
      charts.push(
        await renderVegaLiteSvg(
          lineChartSpec(lr, {
            title: `${title}: learning rate`,
            x: 'step',
            y: 'learning rate',
            width: 300,
            height: 200,
            points: false,
            legend: false,
          }),
        ),
      );
    blocks.push(
      `<div class="run"><h3>${esc(run.name)}</h3>${charts.length ? `<div class="charts">${charts.map((c) => `<div class="train-chart">${c}</div>`).join('')}</div>` : '<p>No training steps logged yet.</p>'}</div>`,
    );
  }
  return `<h2>Training</h2>
<p>Seed${seeds.length > 1 ? 's' : ''} of the runs: ${esc(seeds.join(', '))}. Losses as logged by the trainer (<code>log.jsonl</code> in each run directory): the training loss per optimizer step (averaged over blocks of steps), the validation loss after each epoch. A validation loss still falling in the last quarter of a run means more steps would help.</p>
<table class="training"><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>${runs.map(summaryRow).join('')}</table>
<div class="runs">${blocks.join('\n')}</div>`;
}
