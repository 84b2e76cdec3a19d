/**
 * Typed parameter trees: models are plain functions over nested objects whose leaves are
 * `tf.Variable`s (the equinox / azula style, no classes). Arrays index as `0, 1, …`, object keys
 * keep their insertion order; numbers, strings, booleans, `null` and `undefined` are static fields
 * (hyper-parameters such as a head count) and are skipped by every utility here.
 *
 * A leaf's name is the dotted path to it: `encoder.blocks.0.conv1.weight`, the names used in
 * safetensors checkpoints (docs/architecture.md §3).
 */
import * as tf from '@tensorflow/tfjs';

/** Any parameter tree (interfaces such as `LinearParams` are accepted as-is). */
export type ParamTree = object;

/** A flat, ordered view of a tree: dotted name → value. */
export type NamedTensors<T extends tf.Tensor = tf.Tensor> = Map<string, T>;

function isStatic(x: unknown): boolean {
  return x === null || x === undefined || typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean';
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

function walk(node: unknown, path: string, out: [string, tf.Variable][]): void {
  if (isStatic(node)) return;
  if (node instanceof tf.Variable) {
    if (path === '') throw new Error('parameter tree: the root must be an object or an array, not a single variable');
    out.push([path, node]);
    return;
  }
  if (node instanceof tf.Tensor) {
    throw new Error(`parameter tree: "${path}" is a plain tf.Tensor; parameters must be tf.Variable (use tf.variable)`);
  }
  if (Array.isArray(node)) {
    node.forEach((child, i) => walk(child, path === '' ? String(i) : `${path}.${i}`, out));
    return;
  }
  if (isPlainObject(node)) {
    for (const [key, child] of Object.entries(node)) {
      if (key === '' || key.includes('.'))
        throw new Error(`parameter tree: key "${key}" under "${path || '<root>'}" must be non-empty and contain no "."`);
      walk(child, path === '' ? key : `${path}.${key}`, out);
    }
    return;
  }
  throw new Error(`parameter tree: unsupported value at "${path || '<root>'}" (${Object.prototype.toString.call(node)})`);
}

/** Every variable of `tree` with its dotted name, in tree order. */
export function namedParams(tree: ParamTree): NamedTensors<tf.Variable> {
  const out: [string, tf.Variable][] = [];
  walk(tree, '', out);
  const map = new Map<string, tf.Variable>();
  const seen = new Set<tf.Variable>();
  for (const [name, v] of out) {
    if (seen.has(v)) throw new Error(`parameter tree: variable at "${name}" appears twice (shared parameters are not supported)`);
    seen.add(v);
    map.set(name, v);
  }
  return map;
}

/** Dotted names of every parameter, in tree order. */
export function paramNames(tree: ParamTree): string[] {
  return [...namedParams(tree).keys()];
}

/** Total number of scalar parameters. */
export function countParams(tree: ParamTree): number {
  let n = 0;
  for (const v of namedParams(tree).values()) n += v.size;
  return n;
}

/** The trainable variables (`variable.trainable`), in tree order, e.g. for `tf.variableGrads`. */
export function trainableVariables(tree: ParamTree): tf.Variable[] {
  return [...namedParams(tree).values()].filter((v) => v.trainable);
}

/** Disposes every variable of the tree (the tree must not be used afterwards). */
export function disposeParams(tree: ParamTree): void {
  for (const v of namedParams(tree).values()) v.dispose();
}

/** Copies of the current values (caller disposes), keyed by dotted name. */
export function snapshotParams(tree: ParamTree): NamedTensors {
  const out = new Map<string, tf.Tensor>();
  for (const [name, v] of namedParams(tree)) out.set(name, tf.clone(v));
  return out;
}

/**
 * Writes `values` into the tree's variables (`variable.assign`). Every name must match and every
 * shape must agree; the error lists missing, unexpected and mis-shaped names. `source` names the
 * origin (a file) in the message.
 */
export function assignParams(tree: ParamTree, values: NamedTensors | Record<string, tf.Tensor>, source = 'values'): void {
  const given = values instanceof Map ? values : new Map(Object.entries(values));
  const params = namedParams(tree);
  const missing = [...params.keys()].filter((k) => !given.has(k));
  const unexpected = [...given.keys()].filter((k) => !params.has(k));
  const misShaped: string[] = [];
  for (const [name, v] of params) {
    const t = given.get(name);
    if (t && !sameShape(t.shape, v.shape)) misShaped.push(`${name}: expected [${v.shape.join(', ')}], got [${t.shape.join(', ')}]`);
    else if (t && t.dtype !== v.dtype) misShaped.push(`${name}: expected dtype ${v.dtype}, got ${t.dtype}`);
  }
  if (missing.length || unexpected.length || misShaped.length) {
    const parts: string[] = [];
    if (missing.length) parts.push(`missing ${missing.length}: ${preview(missing)}`);
    if (unexpected.length) parts.push(`unexpected ${unexpected.length}: ${preview(unexpected)}`);
    if (misShaped.length) parts.push(`mismatched ${misShaped.length}: ${preview(misShaped)}`);
    throw new Error(`parameters in ${source} do not match the model (${parts.join('; ')})`);
  }
  for (const [name, v] of params) v.assign(given.get(name)!);
}

/**
 * Rebuilds a nested plain structure from dotted names (objects; a level whose keys are exactly
 * `0..n-1` becomes an array). The inverse of `namedParams` up to static fields.
 */
export function unflattenParams<T>(named: Map<string, T> | Record<string, T>): Record<string, unknown> {
  const entries = named instanceof Map ? [...named.entries()] : Object.entries(named);
  const root: Record<string, unknown> = {};
  for (const [name, value] of entries) {
    const keys = name.split('.');
    let node = root;
    keys.forEach((k, i) => {
      if (i === keys.length - 1) {
        if (k in node) throw new Error(`unflattenParams: "${name}" collides with another name`);
        node[k] = value;
      } else {
        const next = node[k];
        if (next === undefined) node[k] = {};
        else if (!isPlainObject(next))
          throw new Error(`unflattenParams: "${name}" collides with a leaf at "${keys.slice(0, i + 1).join('.')}"`);
        node = node[k] as Record<string, unknown>;
      }
    });
  }
  return arrayify(root) as Record<string, unknown>;
}

function arrayify(node: unknown): unknown {
  if (!isPlainObject(node)) return node;
  const keys = Object.keys(node);
  const mapped: Record<string, unknown> = {};
  for (const k of keys) mapped[k] = arrayify(node[k]);
  const isArray =
    keys.length > 0 &&
    keys.every((k) => /^(0|[1-9]\d*)$/.test(k)) &&
    keys
      .map(Number)
      .sort((a, b) => a - b)
      .every((k, i) => k === i);
  if (!isArray) return mapped;
  return keys
    .map(Number)
    .sort((a, b) => a - b)
    .map((k) => mapped[String(k)]);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function preview(items: string[]): string {
  return items.length <= 6 ? items.join(', ') : `${items.slice(0, 6).join(', ')}, … (+${items.length - 6})`;
}
