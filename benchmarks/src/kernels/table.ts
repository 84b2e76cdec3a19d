/** Plain-text table of the kernel benchmark (ours, PyTorch, ratio, target). */

export interface Row {
  name: string;
  description: string;
  meanMs: number;
  moeMs: number;
  gflops: number | null;
  torchMs: number | null;
  target: string;
  met: boolean | null;
}

function fmt(v: number | null, digits = 1): string {
  return v === null || !Number.isFinite(v) ? '-' : v.toFixed(digits);
}

export function formatTable(rows: Row[]): string {
  const header = ['benchmark', 'ours ms', '±', 'GFLOP/s', 'torch ms', 'ours/torch', 'target', ''];
  const body = rows.map((r) => [
    r.name,
    fmt(r.meanMs),
    fmt(r.moeMs),
    fmt(r.gflops),
    fmt(r.torchMs),
    r.torchMs ? `${(r.meanMs / r.torchMs).toFixed(2)}x` : '-',
    r.target,
    r.met === null ? '' : r.met ? 'ok' : 'MISSED',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
