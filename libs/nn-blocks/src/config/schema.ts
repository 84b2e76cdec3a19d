/**
 * A small typed schema language for YAML configs (docs/architecture.md §4: one schema per stage,
 * validated at load time; a clear error names the key path and the expected type; unknown keys
 * are rejected with a suggestion). `Infer<typeof schema>` gives the config's TypeScript type.
 *
 *   const aeSchema = s.object({
 *     latChannels: s.integer({ min: 1 }),
 *     lr: s.withDefault(s.number({ gt: 0 }), 1e-4),
 *     attention: s.optional(s.record(s.integer({ min: 1 }))),
 *   });
 */
import { suggest } from './suggest.js';

export interface Issue {
  /** Dotted key path (`ae.hidChannels.2`), '' for the root. */
  path: string;
  message: string;
}

export interface Schema<T> {
  /** What a valid value looks like, for messages ("an integer ≥ 1"). */
  readonly expected: string;
  /** Missing keys take this value (object fields only). */
  readonly defaultValue?: { value: T };
  /** Missing keys are allowed and left out (object fields only). */
  readonly isOptional?: boolean;
  /** Returns the validated (and normalised) value, or undefined after pushing issues. */
  check(value: unknown, path: string, issues: Issue[]): T | undefined;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value}" (string)`;
  return `${String(value)} (${typeof value})`;
}

function fail(issues: Issue[], path: string, expected: string, value: unknown): undefined {
  issues.push({ path, message: `expected ${expected}, got ${describe(value)}` });
  return undefined;
}

function join(path: string, key: string | number): string {
  return path === '' ? String(key) : `${path}.${key}`;
}

export interface NumberOptions {
  min?: number;
  max?: number;
  /** Strictly greater than. */
  gt?: number;
}

function numberSchema(integer: boolean, o: NumberOptions = {}): Schema<number> {
  const parts: string[] = [];
  if (o.min !== undefined) parts.push(`≥ ${o.min}`);
  if (o.gt !== undefined) parts.push(`> ${o.gt}`);
  if (o.max !== undefined) parts.push(`≤ ${o.max}`);
  const expected = `${integer ? 'an integer' : 'a number'}${parts.length ? ` ${parts.join(' and ')}` : ''}`;
  return {
    expected,
    check(v, path, issues) {
      if (typeof v !== 'number' || Number.isNaN(v)) return fail(issues, path, expected, v);
      if (integer && !Number.isInteger(v)) return fail(issues, path, expected, v);
      if ((o.min !== undefined && v < o.min) || (o.max !== undefined && v > o.max) || (o.gt !== undefined && !(v > o.gt))) {
        return fail(issues, path, expected, v);
      }
      return v;
    },
  };
}

type Shape = Record<string, Schema<any>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends { readonly isOptional: true } ? K : never }[keyof S];
type ObjectOf<S extends Shape> = { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> };

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const s = {
  number: (o?: NumberOptions) => numberSchema(false, o),
  integer: (o?: NumberOptions) => numberSchema(true, o),

  string(): Schema<string> {
    return { expected: 'a string', check: (v, p, i) => (typeof v === 'string' ? v : fail(i, p, 'a string', v)) };
  },

  boolean(): Schema<boolean> {
    return { expected: 'true or false', check: (v, p, i) => (typeof v === 'boolean' ? v : fail(i, p, 'true or false', v)) };
  },

  /** One of the given literal values. */
  enum<const V extends readonly (string | number | boolean)[]>(values: V): Schema<V[number]> {
    const expected = `one of ${values.map((x) => JSON.stringify(x)).join(', ')}`;
    return {
      expected,
      check(v, path, issues) {
        if (values.includes(v as V[number])) return v as V[number];
        const hint = typeof v === 'string' ? suggest(v, values.map(String)) : undefined;
        issues.push({ path, message: `expected ${expected}, got ${describe(v)}${hint ? ` (did you mean "${hint}"?)` : ''}` });
        return undefined;
      },
    };
  },

  array<T>(item: Schema<T>, o: { minLength?: number; length?: number } = {}): Schema<T[]> {
    const size = o.length !== undefined ? ` of length ${o.length}` : o.minLength !== undefined ? ` of at least ${o.minLength} items` : '';
    const expected = `a list${size} (each ${item.expected})`;
    return {
      expected,
      check(v, path, issues) {
        if (!Array.isArray(v)) return fail(issues, path, expected, v);
        if ((o.length !== undefined && v.length !== o.length) || (o.minLength !== undefined && v.length < o.minLength)) {
          issues.push({ path, message: `expected ${expected}, got a list of ${v.length}` });
          return undefined;
        }
        const before = issues.length;
        const out = v.map((x, k) => item.check(x, join(path, k), issues));
        return issues.length === before ? (out as T[]) : undefined;
      },
    };
  },

  /** A mapping with exactly these keys (unknown keys are errors, with a suggestion). */
  object<S extends Shape>(shape: S): Schema<ObjectOf<S>> & { shape: S } {
    const expected = 'a mapping';
    return {
      expected,
      shape,
      check(v, path, issues) {
        if (!isMapping(v)) return fail(issues, path, expected, v);
        const before = issues.length;
        const known = Object.keys(shape);
        for (const key of Object.keys(v)) {
          if (key in shape) continue;
          const hint = suggest(key, known);
          issues.push({
            path: join(path, key),
            message: `unknown key${hint ? ` (did you mean "${join(path, hint)}"?)` : `; allowed keys: ${known.join(', ') || 'none'}`}`,
          });
        }
        const out: Record<string, unknown> = {};
        for (const [key, sch] of Object.entries(shape)) {
          if (!(key in v) || v[key] === undefined) {
            if (sch.defaultValue) out[key] = structuredClone(sch.defaultValue.value);
            else if (!sch.isOptional) issues.push({ path: join(path, key), message: `missing required key (expected ${sch.expected})` });
            continue;
          }
          const r = sch.check(v[key], join(path, key), issues);
          if (r !== undefined) out[key] = r;
        }
        return issues.length === before ? (out as ObjectOf<S>) : undefined;
      },
    };
  },

  /** A mapping from any string key to values of one schema. */
  record<T>(value: Schema<T>): Schema<Record<string, T>> {
    const expected = `a mapping (each value ${value.expected})`;
    return {
      expected,
      check(v, path, issues) {
        if (!isMapping(v)) return fail(issues, path, expected, v);
        const before = issues.length;
        const out: Record<string, T> = {};
        for (const [k, x] of Object.entries(v)) {
          const r = value.check(x, join(path, k), issues);
          if (r !== undefined) out[k] = r;
        }
        return issues.length === before ? out : undefined;
      },
    };
  },

  nullable<T>(inner: Schema<T>): Schema<T | null> {
    const expected = `${inner.expected} or null`;
    return {
      expected,
      check(v, path, issues) {
        if (v === null) return null;
        const sub: Issue[] = [];
        const r = inner.check(v, path, sub);
        if (sub.length === 0) return r;
        if (sub.some((x) => x.path !== path)) issues.push(...sub);
        else fail(issues, path, expected, v);
        return undefined;
      },
    };
  },

  /** A field that may be absent (then left out of the result). */
  optional<T>(inner: Schema<T>): Schema<T> & { readonly isOptional: true } {
    return { ...inner, isOptional: true as const, check: inner.check };
  },

  /** A field that takes `value` when absent. */
  withDefault<T>(inner: Schema<T>, value: T): Schema<T> {
    return { ...inner, defaultValue: { value }, check: inner.check };
  },
};
