import { describe, expect, it } from 'vitest';
import { parseKernelsArgs } from './args.js';
import { formatTable } from './table.js';

const names = ['matmul-1024', 'conv-ae-step'];

describe('lola-bench kernels arguments and table', () => {
  it('parses the options and defaults', () => {
    expect(parseKernelsArgs([], names)).toEqual({
      backend: 'auto',
      threads: undefined,
      vsTorch: false,
      out: null,
      iterations: 5,
      only: null,
    });
    expect(
      parseKernelsArgs(
        ['--backend', 'wasm', '--threads=2', '--vs-torch', '--out', 'r.jsonl', '--iterations', '3', '--only', 'conv-ae-step'],
        names,
      ),
    ).toEqual({
      backend: 'wasm',
      threads: 2,
      vsTorch: true,
      out: 'r.jsonl',
      iterations: 3,
      only: ['conv-ae-step'],
    });
    expect(parseKernelsArgs(['--help'], names)).toBeNull();
  });

  it('rejects bad options with clear errors', () => {
    expect(() => parseKernelsArgs(['--backend', 'gpu'], names)).toThrow(
      /--backend must be one of auto, tensorflow, native, wasm, webgpu, cpu, got 'gpu'/,
    );
    expect(() => parseKernelsArgs(['--threads', '0'], names)).toThrow(/--threads must be a positive integer, got '0'/);
    expect(() => parseKernelsArgs(['--only', 'nope'], names)).toThrow(/--only expects names from matmul-1024, conv-ae-step; got 'nope'/);
    expect(() => parseKernelsArgs(['--fast'], names)).toThrow(/Unknown option '--fast'/);
  });

  it('formats ratios and targets', () => {
    const t = formatTable([
      { name: 'conv-ae-step', description: '', meanMs: 300, moeMs: 10, gflops: null, torchMs: 100, target: '<= 3.5x torch', met: true },
    ]);
    expect(t.split('\n')[2]).toMatch(/^conv-ae-step\s+300\.0\s+10\.0\s+-\s+100\.0\s+3\.00x\s+<= 3\.5x torch\s+ok$/);
  });
});
