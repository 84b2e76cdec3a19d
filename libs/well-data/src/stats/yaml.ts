import { parse } from 'yaml';
import { WellFormatError } from '../errors.js';
import type { FieldStat, WellStats } from '../transforms/normalization.js';
import { formatPythonE } from './format.js';

/** A YAML value our emitter writes: scalars are pre-formatted plain strings. */
export type YamlValue = string | YamlValue[] | { [key: string]: YamlValue } | Map<string | number, YamlValue>;

const SPECIAL = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$/;

/** A string as a YAML plain scalar when that reads back as the same string, else single-quoted. */
export function yamlString(s: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.\-/ ]*$/.test(s) && !s.endsWith(' ') && !SPECIAL.test(s);
  return plain ? s : `'${s.replace(/'/g, "''")}'`;
}

/**
 * Block-style YAML as PyYAML's `yaml.dump` (and OmegaConf's `to_yaml`) print it: two-space mapping
 * indent, sequence items at their parent key's indentation, nested sequences as `- - a`,
 * `[]` / `{}` for empty collections.
 */
export function emitYaml(value: YamlValue, sortKeys: boolean): string {
  const lines: string[] = [];
  const entries = (v: YamlValue): [string, YamlValue][] => {
    const e = v instanceof Map ? [...v.entries()].map(([k, x]) => [String(k), x] as [string, YamlValue]) : Object.entries(v as object);
    return sortKeys ? e.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : e;
  };
  const isEmpty = (v: YamlValue) => (Array.isArray(v) ? v.length === 0 : typeof v === 'object' && entries(v).length === 0);
  const inline = (v: YamlValue) => (typeof v === 'string' ? v : Array.isArray(v) ? '[]' : '{}');
  const block = (v: YamlValue, indent: string, prefix: string): void => {
    // `prefix` is what precedes the first line ('' for a fresh line, '- ' chains for sequences)
    if (typeof v === 'string' || isEmpty(v)) {
      lines.push(indent + prefix + inline(v));
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => {
        const p = i === 0 ? prefix + '- ' : '- ';
        const ind = i === 0 ? indent : indent + ' '.repeat(prefix.length);
        if (Array.isArray(item) && !isEmpty(item)) block(item, ind, p);
        else if (typeof item === 'object' && !Array.isArray(item) && !isEmpty(item)) {
          entries(item).forEach(([k, x], j) => emitEntry(k, x, j === 0 ? ind + p : ind + ' '.repeat(p.length)));
        } else lines.push(ind + p + inline(item));
      });
    } else {
      entries(v).forEach(([k, x], j) => emitEntry(k, x, j === 0 ? indent + prefix : indent + ' '.repeat(prefix.length)));
    }
  };
  const emitEntry = (k: string, x: YamlValue, lead: string): void => {
    const key = /^\d+$/.test(k) ? k : yamlString(k);
    if (typeof x === 'string' || isEmpty(x)) lines.push(`${lead}${key}: ${inline(x)}`);
    else if (Array.isArray(x)) {
      lines.push(`${lead}${key}:`);
      block(x, ' '.repeat(lead.length), '');
    } else {
      lines.push(`${lead}${key}:`);
      block(x, ' '.repeat(lead.length + 2), '');
    }
  };
  block(value, '', '');
  return lines.join('\n') + '\n';
}

const STAT_KEYS = ['mean', 'std', 'rms', 'mean_delta', 'std_delta', 'rms_delta'] as const;

/** `stats.yaml` text exactly as The Well's `compute_statistics.py` writes it (`%.4E`, sorted keys). */
export function formatStatsYaml(stats: WellStats): string {
  const doc: Record<string, YamlValue> = {};
  const fmt = (v: FieldStat): YamlValue => (Array.isArray(v) ? (v as FieldStat[]).map(fmt) : formatPythonE(v));
  for (const k of STAT_KEYS) {
    const table = stats[k];
    if (!table) continue;
    doc[k] = Object.fromEntries(Object.entries(table).map(([f, v]) => [f, fmt(v)]));
  }
  return emitYaml(doc, true);
}

/** Parses and checks a `stats.yaml` (numbers, nested lists of numbers). */
export function parseStatsYaml(text: string, source = 'stats.yaml'): WellStats {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new WellFormatError(source, '/', 'valid YAML', (err as Error).message.split('\n')[0]);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    throw new WellFormatError(source, '/', 'a mapping of statistics (mean, std, ...)', typeof doc);
  const out: WellStats = {};
  for (const [k, table] of Object.entries(doc as Record<string, unknown>)) {
    if (!(STAT_KEYS as readonly string[]).includes(k)) continue;
    if (!table || typeof table !== 'object' || Array.isArray(table))
      throw new WellFormatError(source, k, 'a mapping field -> value', JSON.stringify(table));
    const checked: Record<string, FieldStat> = {};
    for (const [f, v] of Object.entries(table as Record<string, unknown>)) {
      const ok = (x: unknown, depth: number): boolean =>
        typeof x === 'number' ? true : depth < 2 && Array.isArray(x) && x.every((y) => ok(y, depth + 1));
      if (!ok(v, 0)) throw new WellFormatError(source, `${k}.${f}`, 'a number or a (nested) list of numbers', JSON.stringify(v));
      checked[f] = v as FieldStat;
    }
    out[k as keyof WellStats] = checked;
  }
  return out;
}
