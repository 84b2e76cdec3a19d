import { describe, expect, it } from 'vitest';
import { formatPythonE } from './format.js';
import { emitYaml, formatStatsYaml, parseStatsYaml } from './yaml.js';

describe("Python's %.4E", () => {
  // expected strings printed by CPython 3.11: f"{v:.4E}"
  const cases: [number, string][] = [
    [0.9029745, '9.0297E-01'],
    [-0.006222, '-6.2220E-03'],
    [1.03125, '1.0312E+00'], // exact tie: half to even
    [1.03135, '1.0313E+00'],
    [2.5e-320, '2.5000E-320'],
    [1e300, '1.0000E+300'],
    [123456789.0, '1.2346E+08'],
    [0, '0.0000E+00'],
    [-0, '-0.0000E+00'],
    [9.99995, '1.0000E+01'],
    [1.00005, '1.0001E+00'],
    [0.5, '5.0000E-01'],
    [1e-5, '1.0000E-05'],
    [34.84718432796781, '3.4847E+01'],
    [5e-324, '4.9407E-324'],
    [1.7976931348623157e308, '1.7977E+308'],
    [12345.5, '1.2346E+04'],
    [12344.5, '1.2344E+04'],
  ];
  it.each(cases)('%s -> %s', (v, s) => expect(formatPythonE(v)).toBe(s));
});

describe('YAML as PyYAML dumps it', () => {
  it('matches yaml.dump with sorted keys, nested lists and quoting', () => {
    const doc = {
      mean: {
        velocity: ['1.0000E-01', '-2.0000E-01'],
        D: [
          ['1.0000E+00', '2.0000E+00'],
          ['3.0000E+00', '4.0000E+00'],
        ],
        density: '3.4800E+01',
        yes: '1.0000E+00',
      },
      std: {},
      a_list: [],
    };
    // printed by PyYAML 6 (yaml.dump) for the same data
    expect(emitYaml(doc, true)).toBe(
      [
        'a_list: []',
        'mean:',
        '  D:',
        '  - - 1.0000E+00',
        '    - 2.0000E+00',
        '  - - 3.0000E+00',
        '    - 4.0000E+00',
        '  density: 3.4800E+01',
        '  velocity:',
        '  - 1.0000E-01',
        '  - -2.0000E-01',
        "  'yes': 1.0000E+00",
        'std: {}',
        '',
      ].join('\n'),
    );
  });

  it('stats.yaml round trip keeps 5 significant digits', () => {
    const text = formatStatsYaml({
      mean: { density: 34.84718432796781, velocity: [0.006170739785471594, -0.024651354061804114] },
      std: { density: 44.284, velocity: [0.0417, 0.0401] },
    });
    expect(text).toBe(
      'mean:\n  density: 3.4847E+01\n  velocity:\n  - 6.1707E-03\n  - -2.4651E-02\nstd:\n  density: 4.4284E+01\n  velocity:\n  - 4.1700E-02\n  - 4.0100E-02\n',
    );
    expect(parseStatsYaml(text)).toEqual({
      mean: { density: 34.847, velocity: [0.0061707, -0.024651] },
      std: { density: 44.284, velocity: [0.0417, 0.0401] },
    });
  });

  it('rejects malformed stats with the key', () => {
    expect(() => parseStatsYaml('mean:\n  density: abc\n', 'x/stats.yaml')).toThrow(
      'x/stats.yaml: mean.density: expected a number or a (nested) list of numbers, got "abc"',
    );
  });
});
