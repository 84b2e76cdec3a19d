import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { ConfigError, dumpConfig, loadConfig, parseYaml, resolveConfig, writeConfig } from './load.js';
import { applyOverrides, parseOverrides } from './overrides.js';
import { collectProvenance } from './provenance.js';
import { s, type Infer } from './schema.js';
import { suggest } from './suggest.js';

const schema = s.object({
  seed: s.withDefault(s.integer(), 0),
  ae: s.object({
    latChannels: s.integer({ min: 1 }),
    hidChannels: s.array(s.integer({ min: 1 }), { minLength: 1 }),
    saturation: s.withDefault(s.enum(['softclip2', 'softclip', 'tanh', 'arcsinh', 'rmsnorm', 'none'] as const), 'softclip2'),
    attention: s.optional(s.record(s.integer({ min: 1 }))),
  }),
  optim: s.object({
    lr: s.number({ gt: 0 }),
    betas: s.withDefault(s.array(s.number({ min: 0, max: 1 }), { length: 2 }), [0.9, 0.999]),
    warmup: s.nullable(s.integer({ min: 0 })),
  }),
  name: s.optional(s.string()),
});
type Config = Infer<typeof schema>;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nn-config-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const good = `
ae:
  latChannels: 16
  hidChannels: [32, 64, 128]
optim:
  lr: 1e-4
  warmup: null
`;

describe('config schema', () => {
  it('validates, fills defaults and infers the type', () => {
    const c = resolveConfig(parseYaml(good), schema);
    expect(c).toEqual({
      seed: 0,
      ae: { latChannels: 16, hidChannels: [32, 64, 128], saturation: 'softclip2' },
      optim: { lr: 1e-4, betas: [0.9, 0.999], warmup: null },
    });
    expectTypeOf(c.ae.latChannels).toEqualTypeOf<number>();
    expectTypeOf(c.name).toEqualTypeOf<string | undefined>();
    expectTypeOf<Config['ae']['saturation']>().toEqualTypeOf<'softclip2' | 'softclip' | 'tanh' | 'arcsinh' | 'rmsnorm' | 'none'>();
  });

  it('names the key path and the expected type of every problem', () => {
    const bad = `
ae:
  latChanels: 16
  hidChannels: [32, "x", 0]
  saturation: softclp2
optim:
  lr: -1
  betas: [0.9]
  warmup: 1.5
extra: true
`;
    let err: ConfigError | undefined;
    try {
      resolveConfig(parseYaml(bad), schema, { source: 'configs/ae.yaml' });
    } catch (e) {
      err = e as ConfigError;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msgs = err!.issues.map((i) => `${i.path}: ${i.message}`);
    expect(msgs).toEqual([
      'extra: unknown key; allowed keys: seed, ae, optim, name',
      'ae.latChanels: unknown key (did you mean "ae.latChannels"?)',
      'ae.latChannels: missing required key (expected an integer ≥ 1)',
      'ae.hidChannels.1: expected an integer ≥ 1, got "x" (string)',
      'ae.hidChannels.2: expected an integer ≥ 1, got 0 (number)',
      'ae.saturation: expected one of "softclip2", "softclip", "tanh", "arcsinh", "rmsnorm", "none", got "softclp2" (string) (did you mean "softclip2"?)',
      'optim.lr: expected a number > 0, got -1 (number)',
      'optim.betas: expected a list of length 2 (each a number ≥ 0 and ≤ 1), got a list of 1',
      'optim.warmup: expected an integer ≥ 0 or null, got 1.5 (number)',
    ]);
    expect(err!.message).toMatch(/^invalid config configs\/ae\.yaml:\n {2}- extra: unknown key/);
  });

  it('suggests close keys only', () => {
    expect(suggest('latChanels', ['latChannels', 'hidChannels'])).toBe('latChannels');
    expect(suggest('zzz', ['latChannels'])).toBeUndefined();
  });
});

describe('overrides', () => {
  it('parses values as YAML and sets dotted keys (creating mappings, indexing lists)', () => {
    const o = parseOverrides([
      'ae.latChannels=64',
      'optim.lr=3e-4',
      'ae.hidChannels.1=48',
      'name=run a',
      'optim.warmup=null',
      'ae.attention={3: 8}',
      'x.y.z=true',
    ]);
    expect(o.map((x) => x.value)).toEqual([64, 3e-4, 48, 'run a', null, { 3: 8 }, true]);
    const raw = parseYaml(good) as Record<string, any>;
    const out = applyOverrides(raw, o) as Record<string, any>;
    expect(out.ae.latChannels).toBe(64);
    expect(out.ae.hidChannels).toEqual([32, 48, 128]);
    expect(out.x).toEqual({ y: { z: true } });
    expect(raw.ae.latChannels).toBe(16); // input untouched
    expect(() => parseOverrides(['ae.latChannels'])).toThrow(/expected dotted.key=value/);
    expect(() => parseOverrides(['a..b=1'])).toThrow(/empty segment/);
    expect(() => applyOverrides(raw, parseOverrides(['ae.hidChannels.7=1']))).toThrow(/list of 3; "7" is not a valid index/);
    expect(() => applyOverrides(raw, parseOverrides(['ae.latChannels.x=1']))).toThrow(/"ae.latChannels" is a value, not a mapping/);
  });

  it('are validated like the file (an unknown overridden key is an error)', () => {
    const path = join(dir, 'ae.yaml');
    writeFileSync(path, good);
    const c = loadConfig(path, schema, { overrides: ['ae.latChannels=4', 'seed=7'] });
    expect(c.ae.latChannels).toBe(4);
    expect(c.seed).toBe(7);
    expect(() => loadConfig(path, schema, { overrides: ['ae.latChannel=4'] })).toThrow(
      /with overrides ae\.latChannel=4\):\n {2}- ae\.latChannel: unknown key \(did you mean "ae\.latChannels"\?\)/,
    );
    expect(() => loadConfig(path, schema, { overrides: ['ae.latChannels=abc'] })).toThrow(
      /ae\.latChannels: expected an integer ≥ 1, got "abc" \(string\)/,
    );
    expect(() => loadConfig(join(dir, 'none.yaml'), schema)).toThrow(/config file not found: .*none\.yaml/);
    writeFileSync(join(dir, 'broken.yaml'), 'ae: [1, 2\n');
    expect(() => loadConfig(join(dir, 'broken.yaml'), schema)).toThrow(/broken\.yaml: invalid YAML/);
  });
});

describe('resolved config dump', () => {
  it('round-trips through YAML and carries provenance', () => {
    const c = resolveConfig(parseYaml(good), schema);
    const prov = collectProvenance(['@lola-ts/well-data']);
    expect(prov.versions['@lola-ts/nn-blocks']).toMatch(/^\d+\.\d+\.\d+/);
    expect(prov.versions['@lola-ts/well-data']).toMatch(/^\d+\.\d+\.\d+/);
    expect(prov.tfjs).toBe('4.22.0');
    const path = join(dir, 'config.yaml');
    writeConfig(path, { ...c, provenance: prov, data: { stats: { mean: [1.2, 0.6], std: [0.51, 0.27] } } }, 'resolved config');
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('# resolved config\n')).toBe(true);
    const back = parseYaml(text) as Record<string, unknown>;
    expect(back.ae).toEqual(c.ae);
    expect((back.data as any).stats.mean).toEqual([1.2, 0.6]);
    expect(dumpConfig({ a: 1e-4 })).toBe('a: 0.0001\n');
  });
});
