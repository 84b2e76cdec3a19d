/**
 * Numbers and lists on the command line. Each parser names the flag and the value in its error:
 * `--repeat must be an integer >= 1, got 'x'`. An undefined value (flag not given) stays undefined.
 */

/** Bounds of an integer flag (inclusive). */
export interface IntegerRange {
  min?: number;
  max?: number;
}

function rangeText({ min, max }: IntegerRange): string {
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` >= ${min}`;
  return max !== undefined ? ` <= ${max}` : '';
}

function toInteger(text: string, { min = -Infinity, max = Infinity }: IntegerRange): number | null {
  const n = Number(text);
  return text.trim() !== '' && Number.isSafeInteger(n) && n >= min && n <= max ? n : null;
}

/** An integer within `range`. */
export function integer(flag: string, text: string, range?: IntegerRange): number;
export function integer(flag: string, text: string | undefined, range?: IntegerRange): number | undefined;
export function integer(flag: string, text: string | undefined, range: IntegerRange = {}): number | undefined {
  if (text === undefined) return undefined;
  const n = toInteger(text, range);
  if (n === null) throw new Error(`${flag} must be an integer${rangeText(range)}, got '${text}'`);
  return n;
}

/** An integer >= 1 (thread counts, iterations). */
export function positiveInteger(flag: string, text: string): number;
export function positiveInteger(flag: string, text: string | undefined): number | undefined;
export function positiveInteger(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = toInteger(text, { min: 1 });
  if (n === null) throw new Error(`${flag} must be a positive integer, got '${text}'`);
  return n;
}

/** A finite number >= `min` (thresholds, fractions). */
export function number(flag: string, text: string, min = -Infinity): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < min)
    throw new Error(`${flag} must be a number${min > -Infinity ? ` >= ${min}` : ''}, got '${text}'`);
  return n;
}

/** The entries of a comma-separated list, trimmed, empty ones dropped. */
export function list(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A non-empty comma-separated list of integers within `range`. */
export function integerList(flag: string, text: string, range: IntegerRange = {}): number[] {
  const items = text.split(',').map((s) => toInteger(s, range));
  if (items.some((n) => n === null)) throw new Error(`${flag} must be a list of integers${rangeText(range)}, got '${text}'`);
  return items as number[];
}

/** One of `choices`. */
export function choice<C extends string>(flag: string, text: string, choices: readonly C[]): C {
  if (!(choices as readonly string[]).includes(text)) throw new Error(`${flag} must be one of ${choices.join(', ')}, got '${text}'`);
  return text as C;
}
