/**
 * A progress bar with ETA on stderr (brief: long jobs show progress). On a TTY it redraws one
 * line (at most ~10 times a second); otherwise it prints a plain line at most every
 * `plainIntervalSeconds` (and at the end), so logs of batch jobs stay readable.
 *   ae  [██████░░░░░░░░░░░░░░]  312/1024  30% loss 0.0412 lr 9.7e-5  2.1 it/s  ETA 5m39s
 */

export interface ProgressOptions {
  total: number;
  label?: string;
  /** Count already done when the bar starts (resume); the rate counts only new work. */
  start?: number;
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Force TTY / plain mode (default: stream.isTTY). */
  tty?: boolean;
  plainIntervalSeconds?: number;
  /** Clock in seconds (tests). */
  now?: () => number;
}

/** 75 → "1m15s", 3725 → "1h02m", 5 → "5s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function formatValue(v: number | string): string {
  if (typeof v === 'string') return v;
  if (v === 0 || !Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e4 ? v.toPrecision(3) : v.toExponential(1);
}

export class ProgressBar {
  private readonly stream: NonNullable<ProgressOptions['stream']>;
  private readonly tty: boolean;
  private readonly now: () => number;
  private readonly t0: number;
  private readonly start: number;
  private lastDraw = -Infinity;
  private done = 0;
  private fields: Record<string, number | string> = {};

  constructor(private readonly opts: ProgressOptions) {
    this.stream = opts.stream ?? process.stderr;
    this.tty = opts.tty ?? Boolean(this.stream.isTTY);
    this.now = opts.now ?? (() => performance.now() / 1000);
    this.t0 = this.now();
    this.start = opts.start ?? 0;
    this.done = this.start;
  }

  /** Seconds left at the current rate (NaN before any progress). */
  eta(): number {
    const elapsed = this.now() - this.t0;
    const rate = (this.done - this.start) / elapsed;
    return rate > 0 ? (this.opts.total - this.done) / rate : NaN;
  }

  /** The status line (without control characters). */
  line(): string {
    const total = this.opts.total;
    const frac = total > 0 ? Math.min(1, this.done / total) : 1;
    const width = 20;
    const filled = Math.round(frac * width);
    const bar = this.tty ? `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ` : '';
    const elapsed = this.now() - this.t0;
    const rate = (this.done - this.start) / elapsed;
    const extras = Object.entries(this.fields).map(([k, v]) => `${k} ${formatValue(v)}`);
    const parts = [
      `${this.opts.label ? `${this.opts.label} ` : ''}${bar}${String(this.done).padStart(String(total).length)}/${total}`,
      `${Math.floor(frac * 100)}%`,
      ...extras,
      rate > 0 ? `${rate >= 1 ? rate.toFixed(1) : rate.toPrecision(2)} it/s` : '',
      `ETA ${formatDuration(this.eta())}`,
    ];
    return parts.filter((p) => p !== '').join('  ');
  }

  /** Sets the progress count and the displayed fields (loss, lr, …). */
  update(done: number, fields: Record<string, number | string> = {}): void {
    this.done = done;
    this.fields = fields;
    const t = this.now();
    const interval = this.tty ? 0.1 : (this.opts.plainIntervalSeconds ?? 10);
    if (t - this.lastDraw < interval && done < this.opts.total) return;
    this.lastDraw = t;
    this.draw();
  }

  /** Final draw (and newline on a TTY). */
  finish(): void {
    this.draw();
    if (this.tty) this.stream.write('\n');
  }

  private draw(): void {
    let text = this.line();
    if (this.tty) {
      const cols = this.stream.columns ?? 120;
      if (text.length > cols - 1) text = text.slice(0, cols - 1);
      this.stream.write(`\r\x1b[2K${text}`);
    } else {
      this.stream.write(`${text}\n`);
    }
  }
}
