/**
 * Lead-time bins [first, last] (simulator steps, inclusive). The default splits the rollout like
 * the paper's Euler bins 1–20 / 21–60 / 61–100: at 20 % and 60 % of the longest lead time, snapped
 * to multiples of the stride.
 */
export function defaultLeadTimeBins(maxLead: number, stride: number): [number, number][] {
  if (maxLead < 1) throw new Error(`no positive lead times to bin (longest lead time ${maxLead})`);
  const snap = (x: number) => Math.max(stride, Math.round(x / stride) * stride);
  const a = Math.min(snap(0.2 * maxLead), maxLead);
  const b = Math.min(Math.max(snap(0.6 * maxLead), a + stride), maxLead);
  const bins: [number, number][] = [[1, a]];
  if (b > a) bins.push([a + 1, b]);
  if (maxLead > b) bins.push([b + 1, maxLead]);
  return bins;
}

/** Parses `1-20,21-60,61-100`. */
export function parseLeadTimeBins(text: string): [number, number][] {
  return text.split(',').map((part) => {
    const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(part);
    if (!m || Number(m[1]) > Number(m[2])) throw new Error(`--bins: '${part}' is not a range like 21-60`);
    return [Number(m[1]), Number(m[2])] as [number, number];
  });
}

export function binOf(lead: number, bins: [number, number][]): number {
  return bins.findIndex(([a, b]) => lead >= a && lead <= b);
}
