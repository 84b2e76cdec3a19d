/**
 * The choice between two ways of running a kernel call (mode 0: one thread / the calling thread;
 * mode 1: all threads / the pool), shared by the wasm thread gate and the native thread chooser
 * (docs/runtime.md §3). Calls are grouped by kernel and size (powers of 2 of the work); each group
 * keeps a running mean of the wall time per call in each mode, uses the faster one and tries the
 * other every 32nd call. Work below 2^15 values (2^18 multiply-adds for products) has no group.
 */
const MIN_VALUES = 1 << 15;
const MIN_MACS = 1 << 18;
const EXPLORE_EVERY = 32;
const EMA = 0.25;

/** Running means of one group: wall time per call (ms) in modes [0, 1] and how often each ran. */
export interface ModeGroup {
  ms: [number, number];
  seen: [number, number];
  calls: number;
}

/** The group of a call of `work` values (multiply-adds when `product`), counting the call; null for small work. */
export function modeGroup(groups: Map<string, ModeGroup>, name: string, work: number, product: boolean): ModeGroup | null {
  if (work < (product ? MIN_MACS : MIN_VALUES)) return null;
  const key = `${name}|${Math.round(Math.log2(work))}`;
  let g = groups.get(key);
  if (!g) groups.set(key, (g = { ms: [0, 0], seen: [0, 0], calls: 0 }));
  g.calls++;
  return g;
}

/** The mode for the group's next call: each mode twice first (`first` before the other), then the faster, the other every 32nd call. */
export function chooseMode(g: ModeGroup, first: 0 | 1): 0 | 1 {
  const other = first === 1 ? 0 : 1;
  if (g.seen[first] < 2) return first;
  if (g.seen[other] < 2) return other;
  const mode = g.ms[1] < g.ms[0] ? 1 : 0;
  return g.calls % EXPLORE_EVERY === 0 ? (mode === 1 ? 0 : 1) : mode;
}

/** Adds a call's wall time `dt` (ms) in `mode` to the group's running mean. */
export function recordMode(g: ModeGroup, mode: 0 | 1, dt: number): void {
  g.ms[mode] = g.seen[mode] === 0 ? dt : (1 - EMA) * g.ms[mode] + EMA * dt;
  g.seen[mode]++;
}
