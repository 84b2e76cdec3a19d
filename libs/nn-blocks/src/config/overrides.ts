/**
 * Dotted-key command-line overrides (docs/architecture.md §4, as in LoLa's configs): `ae.latChannels=16`,
 * `optim.lr=3e-4`, `ae.hidChannels=[32, 64]`, `ae.hidChannels.0=48`. The value is parsed as YAML
 * (so numbers, booleans, null, quoted strings and flow lists/maps work); anything else is a string.
 */
import { parse } from 'yaml';

export interface Override {
  /** Key path segments. */
  path: string[];
  value: unknown;
  /** The original argument, for messages. */
  source: string;
}

/** Parses `key.path=value` arguments. */
export function parseOverrides(args: readonly string[]): Override[] {
  return args.map((arg) => {
    const eq = arg.indexOf('=');
    if (eq <= 0) throw new Error(`override "${arg}": expected dotted.key=value`);
    const key = arg.slice(0, eq).trim();
    const path = key.split('.');
    if (path.some((p) => p === '')) throw new Error(`override "${arg}": empty segment in key "${key}"`);
    const text = arg.slice(eq + 1);
    let value: unknown;
    try {
      value = text.trim() === '' ? '' : parse(text);
    } catch (e) {
      throw new Error(`override "${arg}": value is not valid YAML (${(e as Error).message.split('\n')[0]})`);
    }
    return { path, value, source: arg };
  });
}

/**
 * Applies overrides to a plain config object (deep-copied; the input is not modified). Missing
 * intermediate mappings are created; a numeric segment indexes an existing list.
 */
export function applyOverrides<T>(config: T, overrides: readonly Override[]): T {
  const root = structuredClone(config ?? {}) as unknown;
  for (const o of overrides) {
    let node = root as Record<string, unknown> | unknown[];
    o.path.forEach((seg, i) => {
      const last = i === o.path.length - 1;
      const where = o.path.slice(0, i).join('.') || '<root>';
      if (Array.isArray(node)) {
        const k = Number(seg);
        if (!Number.isInteger(k) || k < 0 || k > node.length) {
          throw new Error(`override "${o.source}": "${where}" is a list of ${node.length}; "${seg}" is not a valid index`);
        }
        if (last) node[k] = o.value;
        else {
          if (typeof node[k] !== 'object' || node[k] === null) node[k] = {};
          node = node[k] as Record<string, unknown>;
        }
        return;
      }
      if (typeof node !== 'object' || node === null) throw new Error(`override "${o.source}": "${where}" is not a mapping`);
      if (last) node[seg] = o.value;
      else {
        const next = node[seg];
        if (next === undefined || next === null) node[seg] = {};
        else if (typeof next !== 'object')
          throw new Error(`override "${o.source}": "${o.path.slice(0, i + 1).join('.')}" is a value, not a mapping`);
        node = node[seg] as Record<string, unknown>;
      }
    });
  }
  return root as T;
}
